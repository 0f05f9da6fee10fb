;; Value-scan kernels for F32, BF16, F16 and F64 tensors over a chunk in linear memory.
;; Each writes to `out`: f64 min, f64 max, f64 sum of squares, i32 flag.
;; - NaN/Inf are not counted here: they make the sum non-finite (F16 sets the flag instead, because its
;;   conversion below maps exponent 31 to a finite value); the caller then rescans the chunk exactly.
;; - min/max of F32/BF16/F16 run on integer keys (sign-magnitude bits turned two's complement), so -0
;;   orders below +0 exactly like Math.min/Math.max. F32 and BF16 skip the per-vector key transform: they
;;   keep the unsigned and the signed max of the raw bits; the unsigned max is the min when some value is
;;   negative, the signed max is the max when some value is not. Only a chunk without negatives (or
;;   without non-negatives) takes a second, cheap pass for its smallest pattern.
;; - Squares are summed in f64: f32 lanes are promoted before squaring, so every square is exact.
(module
  (memory (export "memory") 1)

  (func $store (param $out i32) (param $min f64) (param $max f64) (param $sum f64) (param $flag i32)
    (f64.store offset=0 (local.get $out) (local.get $min))
    (f64.store offset=8 (local.get $out) (local.get $max))
    (f64.store offset=16 (local.get $out) (local.get $sum))
    (i32.store offset=24 (local.get $out) (local.get $flag)))

  ;; Float bits <-> ordered integer key (an involution): negative values get their magnitude flipped.
  (func $key32 (param $b i32) (result i32)
    (i32.xor (local.get $b) (i32.shr_u (i32.shr_s (local.get $b) (i32.const 31)) (i32.const 1))))

  (func $key16 (param $b i32) (result i32)
    (i32.xor (local.get $b) (i32.and (i32.shr_s (local.get $b) (i32.const 15)) (i32.const 0x7fff))))

  (func $min_s (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.lt_s (local.get $a) (local.get $b))))

  (func $max_s (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b))))

  (func $hmin32 (param $v v128) (result i32)
    (call $min_s
      (call $min_s (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
      (call $min_s (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))

  (func $hmax32 (param $v v128) (result i32)
    (call $max_s
      (call $max_s (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
      (call $max_s (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))

  ;; 16-bit keys sign-extended into the i32 lanes, then reduced like $hmin32.
  (func $hmin16 (param $v v128) (result i32)
    (call $hmin32 (i32x4.min_s
      (i32x4.extend_low_i16x8_s (local.get $v)) (i32x4.extend_high_i16x8_s (local.get $v)))))

  (func $hmax16 (param $v v128) (result i32)
    (call $hmax32 (i32x4.max_s
      (i32x4.extend_low_i16x8_s (local.get $v)) (i32x4.extend_high_i16x8_s (local.get $v)))))

  (func $hsum (param $v v128) (result f64)
    (f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v))))

  (func $bits_to_f32 (param $b i32) (result f64)
    (f64.promote_f32 (f32.reinterpret_i32 (local.get $b))))

  ;; F16 bits -> f32 (finite patterns; sign kept): exponent and mantissa shifted into place and rescaled
  ;; by 2^112, exact for subnormals too. Scalar only (tails and the final min/max).
  (func $f16_to_f64 (param $h i32) (result f64)
    (f64.promote_f32 (f32.mul
      (f32.reinterpret_i32
        (i32.or
          (i32.and (i32.shl (local.get $h) (i32.const 13)) (i32.const 0x0fffe000))
          (i32.and (i32.shl (local.get $h) (i32.const 16)) (i32.const 0x80000000))))
      (f32.const 0x1p112))))

  (func $square (param $x f64) (result f64) (f64.mul (local.get $x) (local.get $x)))

  ;; Second passes for min/max (see the kernels): only a chunk with no negative value needs its smallest
  ;; unsigned pattern, only one with no non-negative value its smallest signed one. [p, end) is whole vectors.
  (func $umin32_range (param $p i32) (param $end i32) (result i32)
    (local $acc v128)
    (local.set $acc (i32x4.splat (i32.const -1)))
    (block $done
      (loop $v
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $acc (i32x4.min_u (local.get $acc) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $v)))
    (i32.xor (i32.const 0x80000000) (call $hmin32 (v128.xor (local.get $acc) (i32x4.splat (i32.const 0x80000000))))))

  (func $smin32_range (param $p i32) (param $end i32) (result i32)
    (local $acc v128)
    (local.set $acc (i32x4.splat (i32.const 0x7fffffff)))
    (block $done
      (loop $v
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $acc (i32x4.min_s (local.get $acc) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $v)))
    (call $hmin32 (local.get $acc)))

  (func $umin16_range (param $p i32) (param $end i32) (result i32)
    (local $acc v128)
    (local.set $acc (i16x8.splat (i32.const 0xffff)))
    (block $done
      (loop $v
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $acc (i16x8.min_u (local.get $acc) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $v)))
    (call $hmin32 (i32x4.min_s (i32x4.extend_low_i16x8_u (local.get $acc)) (i32x4.extend_high_i16x8_u (local.get $acc)))))

  (func $smin16_range (param $p i32) (param $end i32) (result i32)
    (local $acc v128)
    (local.set $acc (i16x8.splat (i32.const 0x7fff)))
    (block $done
      (loop $v
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $acc (i16x8.min_s (local.get $acc) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $v)))
    (call $hmin16 (local.get $acc)))

  (func (export "scan_f32") (param $p i32) (param $n i32) (param $out i32)
    (local $end i32) (local $vend i32) (local $a v128) (local $b v128) (local $t v128)
    (local $umax v128) (local $smax v128) (local $start i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $bits i32) (local $kmin i32) (local $kmax i32) (local $sum f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.and (i32.shl (local.get $n) (i32.const 2)) (i32.const -32))))
    (local.set $start (local.get $p))
    (local.set $smax (i32x4.splat (i32.const 0x80000000)))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $a (v128.load (local.get $p)))
        (local.set $b (v128.load offset=16 (local.get $p)))
        (local.set $s0 (f64x2.add (local.get $s0)
          (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $a))) (local.get $t))))
        (local.set $s1 (f64x2.add (local.get $s1)
          (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $a) (local.get $a))))
            (local.get $t))))
        (local.set $s2 (f64x2.add (local.get $s2)
          (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $b))) (local.get $t))))
        (local.set $s3 (f64x2.add (local.get $s3)
          (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $b) (local.get $b))))
            (local.get $t))))
        ;; min/max on the raw bits, as for BF16 (see there).
        (local.set $umax (i32x4.max_u (local.get $umax) (i32x4.max_u (local.get $a) (local.get $b))))
        (local.set $smax (i32x4.max_s (local.get $smax) (i32x4.max_s (local.get $a) (local.get $b))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $v)))
    (local.set $kmin (i32.const 0x7fffffff))
    (local.set $kmax (i32.const 0x80000000))
    (if (i32.gt_u (local.get $vend) (local.get $start))
      (then
        ;; Largest unsigned pattern if negative, else smallest unsigned; largest signed if non-negative,
        ;; else smallest signed. Unsigned lanes are compared by flipping the sign bit (then signed).
        (local.set $umax (v128.xor (local.get $umax) (i32x4.splat (i32.const 0x80000000))))
        (local.set $bits (i32.xor (call $hmax32 (local.get $umax)) (i32.const 0x80000000)))
        (if (i32.ge_s (local.get $bits) (i32.const 0))
          (then (local.set $bits (call $umin32_range (local.get $start) (local.get $vend)))))
        (local.set $kmin (call $key32 (local.get $bits)))
        (local.set $bits (call $hmax32 (local.get $smax)))
        (if (i32.lt_s (local.get $bits) (i32.const 0))
          (then (local.set $bits (call $smin32_range (local.get $start) (local.get $vend)))))
        (local.set $kmax (call $key32 (local.get $bits)))))
    (local.set $sum (call $hsum (f64x2.add
      (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3)))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $bits (i32.load (local.get $p)))
        (local.set $kmin (call $min_s (local.get $kmin) (call $key32 (local.get $bits))))
        (local.set $kmax (call $max_s (local.get $kmax) (call $key32 (local.get $bits))))
        (local.set $sum (f64.add (local.get $sum) (call $square (call $bits_to_f32 (local.get $bits)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $tail)))
    (call $store (local.get $out)
      (call $bits_to_f32 (call $key32 (local.get $kmin)))
      (call $bits_to_f32 (call $key32 (local.get $kmax)))
      (local.get $sum) (i32.const 0)))

;; BF16: each 32-bit lane holds two elements; shifting the low one up, or masking off the low half,
  ;; gives each as an exact f32. Keys are taken on the 16-bit lanes directly. 64 bytes per iteration.
  ;; Sum of squares: a bf16 square is exact in f32 (8-bit significands), so the 8 squares per f32 lane of
  ;; an iteration are added in f32 as a tree ((a0^2+b0^2)+(a1^2+b1^2))+(...) and only that block sum is
  ;; widened to f64. Three rounding levels over non-negative terms: relative error at most 3 * 2^-24
  ;; (1.8e-7) per block, hence for the whole sum; on real data it averages out far below that.
  ;; Squares below 2^-126 (|x| < 2^-63) would come out subnormal in f32, which is both inexact and slow
  ;; on x86, so magnitudes are raised to at least 2^-63 before squaring (2 ops per vector): each element
  ;; then adds at most 2^-126 too much (zeros too), less than n * 2^-126 in all, below 2^-30 of the sum
  ;; unless sum < n * 2^-96. So a chunk with no NaN/Inf and a sum that small is either all ±0 (sum 0) or
  ;; redone exactly in f64 ($bf16_sum_f64), as is a sum that overflowed f32 (a square or block sum past
  ;; 2^128): tiny and huge values lose nothing, and the usual chunk pays nothing for the check.
  ;; Exact f64 sum of squares of bf16 elements in [p, end) (end - p a multiple of 2).
  (func $bf16_sum_f64 (param $p i32) (param $end i32) (result f64)
    (local $vend i32) (local $v v128) (local $a v128) (local $b v128) (local $t v128)
    (local $s0 v128) (local $s1 v128) (local $sum f64)
    (local.set $vend (i32.add (local.get $p) (i32.and (i32.sub (local.get $end) (local.get $p)) (i32.const -16))))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $a (i32x4.shl (local.get $v) (i32.const 16)))
        (local.set $b (v128.and (local.get $v) (v128.const i32x4 0xffff0000 0xffff0000 0xffff0000 0xffff0000)))
        (local.set $s0 (f64x2.add (local.get $s0)
          (f64x2.add
            (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $a))) (local.get $t))
            (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $b))) (local.get $t)))))
        (local.set $s1 (f64x2.add (local.get $s1)
          (f64x2.add
            (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $a) (local.get $a))))
              (local.get $t))
            (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $b) (local.get $b))))
              (local.get $t)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $loop)))
    (local.set $sum (call $hsum (f64x2.add (local.get $s0) (local.get $s1))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $sum (f64.add (local.get $sum)
          (call $square (call $bits_to_f32 (i32.shl (i32.load16_u (local.get $p)) (i32.const 16))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $tail)))
    (local.get $sum))

  (func (export "scan_bf16") (param $p i32) (param $n i32) (param $out i32)
    (local $start i32) (local $end i32) (local $vend i32)
    (local $t v128) (local $hi v128) (local $r v128) (local $abs v128) (local $floor v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $umax v128) (local $smax v128) (local $s0 v128) (local $s1 v128)
    (local $bits i32) (local $kmin i32) (local $kmax i32) (local $sum f64) (local $flag i32)
    (local $min f64) (local $max f64)
    (local.set $start (local.get $p))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 1))))
    (local.set $vend (i32.add (local.get $p) (i32.and (i32.shl (local.get $n) (i32.const 1)) (i32.const -64))))
    (local.set $smax (i16x8.splat (i32.const 0x8000)))
    (local.set $hi (v128.const i32x4 0xffff0000 0xffff0000 0xffff0000 0xffff0000))
    (local.set $abs (i16x8.splat (i32.const 0x7fff)))
    (local.set $floor (i16x8.splat (i32.const 0x2000)))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $v0 (v128.load (local.get $p)))
        (local.set $v1 (v128.load offset=16 (local.get $p)))
        (local.set $v2 (v128.load offset=32 (local.get $p)))
        (local.set $v3 (v128.load offset=48 (local.get $p)))
        ;; Helpers are written out inline: V8 does not inline wasm calls in the hot loop.
        ;; q: the magnitudes, raised to at least 2^-63 (0x2000), for the squares.
        (local.set $q0 (i16x8.max_u (v128.and (local.get $v0) (local.get $abs)) (local.get $floor)))
        (local.set $q1 (i16x8.max_u (v128.and (local.get $v1) (local.get $abs)) (local.get $floor)))
        (local.set $q2 (i16x8.max_u (v128.and (local.get $v2) (local.get $abs)) (local.get $floor)))
        (local.set $q3 (i16x8.max_u (v128.and (local.get $v3) (local.get $abs)) (local.get $floor)))
        (local.set $r (f32x4.add
          (f32x4.add
            (f32x4.add
            (f32x4.mul (local.tee $t (i32x4.shl (local.get $q0) (i32.const 16))) (local.get $t))
            (f32x4.mul (local.tee $t (v128.and (local.get $q0) (local.get $hi))) (local.get $t)))
            (f32x4.add
            (f32x4.mul (local.tee $t (i32x4.shl (local.get $q1) (i32.const 16))) (local.get $t))
            (f32x4.mul (local.tee $t (v128.and (local.get $q1) (local.get $hi))) (local.get $t))))
          (f32x4.add
            (f32x4.add
            (f32x4.mul (local.tee $t (i32x4.shl (local.get $q2) (i32.const 16))) (local.get $t))
            (f32x4.mul (local.tee $t (v128.and (local.get $q2) (local.get $hi))) (local.get $t)))
            (f32x4.add
            (f32x4.mul (local.tee $t (i32x4.shl (local.get $q3) (i32.const 16))) (local.get $t))
            (f32x4.mul (local.tee $t (v128.and (local.get $q3) (local.get $hi))) (local.get $t))))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.promote_low_f32x4 (local.get $r))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $r) (local.get $r)))))
        ;; min/max on the raw bits, no key transform: as unsigned 16-bit, negatives (sign set) order by
        ;; magnitude above every non-negative; as signed, non-negatives order by magnitude above every
        ;; negative, and negatives by magnitude upwards. The four extremes give the true min/max below.
        (local.set $umax (i16x8.max_u (local.get $umax)
          (i16x8.max_u (i16x8.max_u (local.get $v0) (local.get $v1)) (i16x8.max_u (local.get $v2) (local.get $v3)))))
        (local.set $smax (i16x8.max_s (local.get $smax)
          (i16x8.max_s (i16x8.max_s (local.get $v0) (local.get $v1)) (i16x8.max_s (local.get $v2) (local.get $v3)))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $loop)))
    ;; Keys of the vector part's extremes (the empty keys when there was none): the min is the largest
    ;; unsigned pattern if it is negative (sign set), else the smallest unsigned one (all non-negative);
    ;; the max is the largest signed pattern if it is non-negative, else the smallest signed one.
    (local.set $kmin (i32.const 0x7fff))
    (local.set $kmax (i32.const -0x8000))
    (if (i32.gt_u (local.get $vend) (local.get $start))
      (then
        (local.set $bits (call $hmax32 (i32x4.max_s
          (i32x4.extend_low_i16x8_u (local.get $umax)) (i32x4.extend_high_i16x8_u (local.get $umax)))))
        (if (i32.lt_s (local.get $bits) (i32.const 0x8000))
          (then (local.set $bits (call $umin16_range (local.get $start) (local.get $vend)))))
        (local.set $kmin (call $key16 (i32.extend16_s (local.get $bits))))
        (local.set $bits (call $hmax16 (local.get $smax)))
        (if (i32.lt_s (local.get $bits) (i32.const 0))
          (then (local.set $bits (call $smin16_range (local.get $start) (local.get $vend)))))
        (local.set $kmax (call $key16 (local.get $bits)))))
    (local.set $sum (call $hsum (f64x2.add (local.get $s0) (local.get $s1))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $bits (i32.load16_s (local.get $p)))
        (local.set $kmin (call $min_s (local.get $kmin) (call $key16 (local.get $bits))))
        (local.set $kmax (call $max_s (local.get $kmax) (call $key16 (local.get $bits))))
        (local.set $sum (f64.add (local.get $sum)
          (call $square (call $bits_to_f32 (i32.shl (local.get $bits) (i32.const 16))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $tail)))
    ;; NaN/Inf present: +Inf/+NaN keys are >= 0x7f80, -Inf/-NaN keys <= key16(0xff80) = -0x7f81.
    (local.set $flag (i32.or (i32.ge_s (local.get $kmax) (i32.const 0x7f80))
                             (i32.le_s (local.get $kmin) (i32.const -0x7f81))))
    (local.set $min (call $bits_to_f32 (i32.shl (call $key16 (local.get $kmin)) (i32.const 16))))
    (local.set $max (call $bits_to_f32 (i32.shl (call $key16 (local.get $kmax)) (i32.const 16))))
    (if (i32.and (i32.eqz (local.get $flag))
          (i32.or
            (f64.eq (local.get $sum) (f64.const inf))
            (f64.lt (local.get $sum) (f64.mul (f64.convert_i32_u (local.get $n)) (f64.const 0x1p-96)))))
      (then (local.set $sum
        (if (result f64) (i32.and (f64.eq (local.get $min) (f64.const 0)) (f64.eq (local.get $max) (f64.const 0)))
          (then (f64.const 0))
          (else (call $bf16_sum_f64 (local.get $start) (local.get $end)))))))
    (call $store (local.get $out) (local.get $min) (local.get $max)
      (local.get $sum) (local.get $flag)))

  ;; F16: keys as for BF16. For the sum only magnitudes matter: exponent and mantissa are shifted into
  ;; f32 position and rebiased with an integer add; a subnormal m*2^-24 is built as (1 + m/1024)*2^-14 and
  ;; fixed by subtracting 2^-14 (exact), so no float op ever sees a subnormal input.
  ;; The flag records exponent 31 (Inf/NaN), which this conversion does not represent.
  (func (export "scan_f16") (param $p i32) (param $n i32) (param $out i32)
    (local $end i32) (local $vend i32) (local $v v128) (local $a v128) (local $b v128) (local $t v128)
    (local $special v128) (local $kmin0 v128) (local $kmax0 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $bits i32) (local $kmin i32) (local $kmax i32) (local $sum f64) (local $flag i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 1))))
    (local.set $vend (i32.add (local.get $p) (i32.and (i32.shl (local.get $n) (i32.const 1)) (i32.const -16))))
    (local.set $kmin0 (i16x8.splat (i32.const 0x7fff)))
    (local.set $kmax0 (i16x8.splat (i32.const 0x8000)))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $special (v128.or (local.get $special)
          (i16x8.eq (v128.and (local.get $v) (v128.const i16x8 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00))
                    (v128.const i16x8 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00))))
        ;; a: the low element of each lane, b: the high one; exponent+mantissa at bits 13..27.
        (local.set $a (v128.and (i32x4.shl (local.get $v) (i32.const 13))
          (v128.const i32x4 0x0fffe000 0x0fffe000 0x0fffe000 0x0fffe000)))
        (local.set $b (v128.and (i32x4.shr_u (local.get $v) (i32.const 3))
          (v128.const i32x4 0x0fffe000 0x0fffe000 0x0fffe000 0x0fffe000)))
        (local.set $t (i32x4.eq (v128.and (local.get $a) (v128.const i32x4 0x0f800000 0x0f800000 0x0f800000 0x0f800000))
                                (v128.const i32x4 0 0 0 0)))
        (local.set $a (f32x4.sub
          (i32x4.add (local.get $a)
            (v128.or (v128.const i32x4 0x38000000 0x38000000 0x38000000 0x38000000)
                     (v128.and (local.get $t) (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000))))
          (v128.and (local.get $t) (v128.const f32x4 0x1p-14 0x1p-14 0x1p-14 0x1p-14))))
        (local.set $t (i32x4.eq (v128.and (local.get $b) (v128.const i32x4 0x0f800000 0x0f800000 0x0f800000 0x0f800000))
                                (v128.const i32x4 0 0 0 0)))
        (local.set $b (f32x4.sub
          (i32x4.add (local.get $b)
            (v128.or (v128.const i32x4 0x38000000 0x38000000 0x38000000 0x38000000)
                     (v128.and (local.get $t) (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000))))
          (v128.and (local.get $t) (v128.const f32x4 0x1p-14 0x1p-14 0x1p-14 0x1p-14))))
        (local.set $s0 (f64x2.add (local.get $s0)
          (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $a))) (local.get $t))))
        (local.set $s1 (f64x2.add (local.get $s1)
          (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $a) (local.get $a))))
            (local.get $t))))
        (local.set $s2 (f64x2.add (local.get $s2)
          (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $b))) (local.get $t))))
        (local.set $s3 (f64x2.add (local.get $s3)
          (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $b) (local.get $b))))
            (local.get $t))))
        (local.set $v (v128.xor (local.get $v)
          (i16x8.shr_u (i16x8.shr_s (local.get $v) (i32.const 15)) (i32.const 1))))
        (local.set $kmin0 (i16x8.min_s (local.get $kmin0) (local.get $v)))
        (local.set $kmax0 (i16x8.max_s (local.get $kmax0) (local.get $v)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $loop)))
    (local.set $flag (v128.any_true (local.get $special)))
    (local.set $kmin (call $hmin16 (local.get $kmin0)))
    (local.set $kmax (call $hmax16 (local.get $kmax0)))
    (local.set $sum (call $hsum (f64x2.add
      (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3)))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $bits (i32.load16_s (local.get $p)))
        (if (i32.eq (i32.and (local.get $bits) (i32.const 0x7c00)) (i32.const 0x7c00))
          (then (local.set $flag (i32.const 1))))
        (local.set $kmin (call $min_s (local.get $kmin) (call $key16 (local.get $bits))))
        (local.set $kmax (call $max_s (local.get $kmax) (call $key16 (local.get $bits))))
        (local.set $sum (f64.add (local.get $sum) (call $square (call $f16_to_f64 (local.get $bits)))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $tail)))
    (call $store (local.get $out)
      (call $f16_to_f64 (call $key16 (local.get $kmin)))
      (call $f16_to_f64 (call $key16 (local.get $kmax)))
      (local.get $sum) (local.get $flag)))

  (func (export "scan_f64") (param $p i32) (param $n i32) (param $out i32)
    (local $end i32) (local $vend i32) (local $a v128) (local $b v128)
    (local $min0 v128) (local $min1 v128) (local $max0 v128) (local $max1 v128)
    (local $s0 v128) (local $s1 v128) (local $x f64) (local $mn f64) (local $mx f64) (local $sum f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $vend (i32.add (local.get $p) (i32.and (i32.shl (local.get $n) (i32.const 3)) (i32.const -32))))
    (local.set $min0 (f64x2.splat (f64.const inf)))
    (local.set $min1 (local.get $min0))
    (local.set $max0 (f64x2.splat (f64.const -inf)))
    (local.set $max1 (local.get $max0))
    (block $vdone
      (loop $v
        (br_if $vdone (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $a (v128.load (local.get $p)))
        (local.set $b (v128.load offset=16 (local.get $p)))
        (local.set $min0 (f64x2.min (local.get $min0) (local.get $a)))
        (local.set $min1 (f64x2.min (local.get $min1) (local.get $b)))
        (local.set $max0 (f64x2.max (local.get $max0) (local.get $a)))
        (local.set $max1 (f64x2.max (local.get $max1) (local.get $b)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a) (local.get $a))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $b) (local.get $b))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $v)))
    (local.set $a (f64x2.min (local.get $min0) (local.get $min1)))
    (local.set $mn (f64.min (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))))
    (local.set $a (f64x2.max (local.get $max0) (local.get $max1)))
    (local.set $mx (f64.max (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))))
    (local.set $sum (call $hsum (f64x2.add (local.get $s0) (local.get $s1))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (f64.load (local.get $p)))
        (local.set $mn (f64.min (local.get $mn) (local.get $x)))
        (local.set $mx (f64.max (local.get $mx) (local.get $x)))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $x) (local.get $x))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $tail)))
    (call $store (local.get $out) (local.get $mn) (local.get $mx) (local.get $sum) (i32.const 0))))
