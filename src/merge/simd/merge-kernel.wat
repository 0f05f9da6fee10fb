;; Merge-check kernels over rows of a 2-D weight in linear memory, for BF16, F16 and F32.
;; - squares_<dt>(p, cols, rows, out): out[r] = Σ_j W[r, j]² (f64), +Inf when the row holds NaN or Inf.
;; - probe_<dt>(w, m, x, cols, rows, out): per row r, four f64 at out + 32r:
;;     Σ W², Σ x0·(M − W), Σ x1·(M − W), Σ ulp(M)²
;;   x holds the two ±1 probe vectors as f64 (x0 then x1, cols each): multiplying by ±1 is exact; for BF16
;;   the same probes follow as i32 sign masks (0 or 0x80000000, cols each), for the fast path.
;;   ulp is the one the JS path uses: the spacing at |M| for BF16/F16 (power of two), and
;;   max(|M|·2^-23, 2^-149) for F32; +Inf when M holds NaN or Inf.
;; Every element is widened to f64 before it is squared or subtracted, so squares and differences are
;; exactly what the f64 JS path computes; only the order of the sums differs.
;; - update_row(l, ks, terms, right, cols, out): out[j] = Σ_t l[t] · R[ks[t], j] (f64), R row-major with
;;   `cols` f64 per row at `right`, l f64 and ks i32 (`terms` each; ks is overwritten with the rows'
;;   addresses). Per element the terms are added in order of t starting from 0, each product rounded
;;   before the add, exactly as the JS updateRow does.
;; - compare_row_bf16(w, m, delta, colNorms, cols, rel, tiny, updateTol, out): one exact row of a BF16 merged
;;   checkpoint against W + ΔW (W at w and M at m as BF16, ΔW at delta as f64), as the JS compareRow: an
;;   element is a mismatch when |M − (W + ΔW)| > max(max(|M|, |W + ΔW|)·rel, tiny) + updateTol·colNorms[j].
;;   Writes the largest error (f64 at out), the mismatches (i32 at out + 8) and the first mismatching column
;;   (i32 at out + 12, -1 for none); returns 1 instead when a value is not finite (the JS path counts those).
;; - gram_rows(x, r, n, out): out = X Xᵀ (r x r, f64) for X (r x n, row-major f64), each entry the sum of its
;;   even and odd columns in two chains in order (the two lanes), added at the end: the bits of gramOfRows.
;; - transpose(src, rows, cols, dst): dst (cols x rows) = srcᵀ, f64.
;; - col_norms(x, r, n, out): out[j] = sqrt(Σ_k x[k, j]²) for X (r x n), k in order (two columns at once).
;; - row_bounds(lt, r, n, rn, norms, dots): for Lᵀ (r x n): norms[o] = sqrt(Σ_k L[o, k]²) and
;;   dots[o] = Σ_k |L[o, k]|·rn[k], k in order (two rows of L at once).
;; - round_row_bf16(l, ks, terms, right, cols, w, delta, out): update_row into `delta`, and for the BF16 row
;;   at w: Σ W² (f64 at out) and how many W + ΔW round back to W (i32 at out + 8), with the rounding of the
;;   JS roundingRowBf16 (f64 sum of W and f32(ΔW), rounded to f32, then to BF16 to nearest even). Returns 1
;;   instead when the row holds NaN/Inf or a sum rounds to NaN/Inf: the caller then takes the JS path.
;; - round_delta_bf16(delta, cols, w, out): the same for a ΔW row already computed at `delta`.
;; Vector loops take 8 elements at a time in natural order (two f32x4 blocks), scalar loops the rest.
(module
  (memory (export "memory") 1)
  (func $hsum (param $v v128) (result f64)
    (f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v))))

  ;; NaN (and Inf) sums become +Inf.
  (func $or_inf (param $x f64) (result f64)
    (select (f64.const inf) (local.get $x) (f64.ne (local.get $x) (local.get $x))))

  ;; F16 bits -> f32, exact for subnormals too: exponent and mantissa shifted into place, rescaled by 2^112.
  ;; Exponent 31 (Inf/NaN) comes out finite, so callers flag it separately; the vector loops inline this.
  (func $f16 (param $h i32) (result f32)
    (f32.mul
      (f32.reinterpret_i32 (i32.or
        (i32.and (i32.shl (local.get $h) (i32.const 13)) (i32.const 0x0fffe000))
        (i32.and (i32.shl (local.get $h) (i32.const 16)) (i32.const 0x80000000))))
      (f32.const 0x1p112)))

  (func $f16_nonfinite (param $h i32) (result i32)
    (i32.eq (i32.and (local.get $h) (i32.const 0x7c00)) (i32.const 0x7c00)))

  (func $max_u (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.gt_u (local.get $a) (local.get $b))))

  ;; Σ W² of one row of BF16, fast: a BF16 square (8 significant bits) is exact in f32, and so is its
  ;; range for 2^-63 <= |x| < 2^64; per lane the squares of 8 elements are summed in f32 as a tree (three
  ;; roundings over positive terms: relative error <= 3·2^-24), then widened and summed in f64. Rows this
  ;; cannot take exactly enough (a sum that overflowed, is NaN, or is so small that squares may have
  ;; underflowed) are summed again exactly.
  (func $squares_row_bf16 (param $p i32) (param $n i32) (result f64)
    (local $q i32) (local $vend i32) (local $v v128) (local $P v128) (local $Q v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $sum f64) (local $x f64)
    (local $end i32)
    (local.set $q (local.get $p))
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.mul (i32.and (local.get $n) (i32.const -32)) (i32.const 2))))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $q) (local.get $vend)))
        ;; each i32 lane holds two elements: the high one as f32 is the lane with its low half cleared, the
        ;; low one the lane shifted up; per lane the squares of 8 elements summed in f32 as a tree
        (local.set $Q (f32x4.add
          (f32x4.add (f32x4.add
            (f32x4.mul (local.tee $P (v128.and (local.tee $v (v128.load offset=0 (local.get $q))) (v128.const i32x4 0xffff0000 0xffff0000 0xffff0000 0xffff0000))) (local.get $P))
            (f32x4.mul (local.tee $v (i32x4.shl (local.get $v) (i32.const 16))) (local.get $v))) (f32x4.add
            (f32x4.mul (local.tee $P (v128.and (local.tee $v (v128.load offset=16 (local.get $q))) (v128.const i32x4 0xffff0000 0xffff0000 0xffff0000 0xffff0000))) (local.get $P))
            (f32x4.mul (local.tee $v (i32x4.shl (local.get $v) (i32.const 16))) (local.get $v))))
          (f32x4.add (f32x4.add
            (f32x4.mul (local.tee $P (v128.and (local.tee $v (v128.load offset=32 (local.get $q))) (v128.const i32x4 0xffff0000 0xffff0000 0xffff0000 0xffff0000))) (local.get $P))
            (f32x4.mul (local.tee $v (i32x4.shl (local.get $v) (i32.const 16))) (local.get $v))) (f32x4.add
            (f32x4.mul (local.tee $P (v128.and (local.tee $v (v128.load offset=48 (local.get $q))) (v128.const i32x4 0xffff0000 0xffff0000 0xffff0000 0xffff0000))) (local.get $P))
            (f32x4.mul (local.tee $v (i32x4.shl (local.get $v) (i32.const 16))) (local.get $v))))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.promote_low_f32x4 (local.get $Q))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $Q) (local.get $Q)))))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (br $loop)))
    (local.set $sum (call $hsum (f64x2.add (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3)))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $x (f64.promote_f32 (f32.reinterpret_i32 (i32.shl (i32.load16_u (local.get $q)) (i32.const 16)))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $x) (local.get $x))))
        (local.set $q (i32.add (local.get $q) (i32.const 2)))
        (br $tail)))
    ;; exact enough: finite and at least 2^-100 (so some |x| >= 2^-50: squares that underflowed cannot matter)
    (if (i32.and (f64.lt (local.get $sum) (f64.const inf)) (f64.ge (local.get $sum) (f64.const 0x1p-100)))
      (then (return (local.get $sum))))
    (call $squares_row_bf16_exact (local.get $p) (local.get $n)))

  ;; Σ W² of one row of BF16, every element widened to f64 before it is squared.
  (func $squares_row_bf16_exact (param $p i32) (param $n i32) (result f64)
    (local $end i32) (local $vend i32) (local $v v128) (local $A v128) (local $B v128) (local $t v128)
    (local $flag v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $sum f64) (local $x f64) (local $h i32) (local $bad i32)
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.mul (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $A (i32x4.shl (i32x4.extend_low_i16x8_u (local.get $v)) (i32.const 16)))
        (local.set $B (i32x4.shl (i32x4.extend_high_i16x8_u (local.get $v)) (i32.const 16)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $A))) (local.get $t))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $A) (local.get $A)))) (local.get $t))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $B))) (local.get $t))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $B) (local.get $B)))) (local.get $t))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $loop)))
    (local.set $sum (call $hsum (f64x2.add (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3)))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (f64.promote_f32 (f32.reinterpret_i32 (i32.shl (i32.load16_u (local.get $p)) (i32.const 16)))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $x) (local.get $x))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $tail)))
    (call $or_inf (local.get $sum)))

  (func (export "squares_bf16") (param $p i32) (param $cols i32) (param $rows i32) (param $out i32)
    (local $r i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3)))
          (call $squares_row_bf16
            (i32.add (local.get $p) (i32.mul (i32.mul (local.get $r) (local.get $cols)) (i32.const 2)))
            (local.get $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; Σ W² of one row of F16.
  (func $squares_row_f16 (param $p i32) (param $n i32) (result f64)
    (local $end i32) (local $vend i32) (local $v v128) (local $A v128) (local $B v128) (local $t v128)
    (local $flag v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $sum f64) (local $x f64) (local $h i32) (local $bad i32)
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.mul (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $flag (v128.or (local.get $flag) (i16x8.eq (v128.and (local.get $v) (v128.const i16x8 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00))
          (v128.const i16x8 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00))))
        (local.set $A (f32x4.mul (v128.or
          (v128.and (i32x4.shl (local.tee $t (i32x4.extend_low_i16x8_u (local.get $v))) (i32.const 13)) (v128.const i32x4 0x0fffe000 0x0fffe000 0x0fffe000 0x0fffe000))
          (v128.and (i32x4.shl (local.get $t) (i32.const 16)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
          (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112)))
        (local.set $B (f32x4.mul (v128.or
          (v128.and (i32x4.shl (local.tee $t (i32x4.extend_high_i16x8_u (local.get $v))) (i32.const 13)) (v128.const i32x4 0x0fffe000 0x0fffe000 0x0fffe000 0x0fffe000))
          (v128.and (i32x4.shl (local.get $t) (i32.const 16)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
          (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $A))) (local.get $t))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $A) (local.get $A)))) (local.get $t))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $B))) (local.get $t))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $B) (local.get $B)))) (local.get $t))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $loop)))
    (local.set $sum (call $hsum (f64x2.add (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3)))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (f64.promote_f32 (call $f16 (local.tee $h (i32.load16_u (local.get $p))))))
        (local.set $bad (i32.or (local.get $bad) (call $f16_nonfinite (local.get $h))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $x) (local.get $x))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $tail)))
    (if (i32.or (local.get $bad) (v128.any_true (local.get $flag))) (then (return (f64.const inf))))
    (call $or_inf (local.get $sum)))

  (func (export "squares_f16") (param $p i32) (param $cols i32) (param $rows i32) (param $out i32)
    (local $r i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3)))
          (call $squares_row_f16
            (i32.add (local.get $p) (i32.mul (i32.mul (local.get $r) (local.get $cols)) (i32.const 2)))
            (local.get $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; Σ W² of one row of F32.
  (func $squares_row_f32 (param $p i32) (param $n i32) (result f64)
    (local $end i32) (local $vend i32) (local $v v128) (local $A v128) (local $B v128) (local $t v128)
    (local $flag v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $sum f64) (local $x f64) (local $h i32) (local $bad i32)
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (i32.const 4))))
    (local.set $vend (i32.add (local.get $p) (i32.mul (i32.and (local.get $n) (i32.const -8)) (i32.const 4))))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $A (v128.load (local.get $p)))
        (local.set $B (v128.load offset=16 (local.get $p)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $A))) (local.get $t))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $A) (local.get $A)))) (local.get $t))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (local.get $B))) (local.get $t))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.tee $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $B) (local.get $B)))) (local.get $t))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $loop)))
    (local.set $sum (call $hsum (f64x2.add (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3)))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (f64.promote_f32 (f32.load (local.get $p))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $x) (local.get $x))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $tail)))
    (call $or_inf (local.get $sum)))

  (func (export "squares_f32") (param $p i32) (param $cols i32) (param $rows i32) (param $out i32)
    (local $r i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3)))
          (call $squares_row_f32
            (i32.add (local.get $p) (i32.mul (i32.mul (local.get $r) (local.get $cols)) (i32.const 4)))
            (local.get $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; One row of BF16: Σ W², Σ x0·(M − W), Σ x1·(M − W), Σ ulp(M)² at out.
  (func $probe_row_bf16_exact (param $w i32) (param $m i32) (param $x0 i32) (param $n i32) (param $out i32)
    (local $x1 i32) (local $end i32) (local $vend i32) (local $v v128) (local $flag v128)
    (local $WA v128) (local $WB v128) (local $MA v128) (local $MB v128) (local $e v128) (local $t v128)
    (local $tw v128) (local $d v128) (local $sq v128) (local $a0 v128) (local $a1 v128) (local $u v128)
    (local $sqB v128) (local $a0B v128) (local $a1B v128) (local $uB v128)
    (local $fw f64) (local $fm f64) (local $df f64) (local $sqs f64) (local $a0s f64) (local $a1s f64) (local $us f64)
    (local $fmf f32) (local $h i32) (local $bad i32)
    (local.set $x1 (i32.add (local.get $x0) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end (i32.add (local.get $w) (i32.mul (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $w) (i32.mul (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $w) (local.get $vend)))
        (local.set $v (v128.load (local.get $w)))
        (local.set $WA (i32x4.shl (i32x4.extend_low_i16x8_u (local.get $v)) (i32.const 16)))
        (local.set $WB (i32x4.shl (i32x4.extend_high_i16x8_u (local.get $v)) (i32.const 16)))
        (local.set $v (v128.load (local.get $m)))
        (local.set $MA (i32x4.shl (i32x4.extend_low_i16x8_u (local.get $v)) (i32.const 16)))
        (local.set $MB (i32x4.shl (i32x4.extend_high_i16x8_u (local.get $v)) (i32.const 16)))
        (local.set $tw (f64x2.promote_low_f32x4 (local.get $WA)))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (local.get $MA)) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=0 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=0 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $WA) (local.get $WA))))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $MA) (local.get $MA))) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=16 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=16 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (local.get $WB)))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (local.get $MB)) (local.get $tw)))
        (local.set $sqB (f64x2.add (local.get $sqB) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0B (f64x2.add (local.get $a0B) (f64x2.mul (local.get $d) (v128.load offset=32 (local.get $x0)))))
        (local.set $a1B (f64x2.add (local.get $a1B) (f64x2.mul (local.get $d) (v128.load offset=32 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $WB) (local.get $WB))))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $MB) (local.get $MB))) (local.get $tw)))
        (local.set $sqB (f64x2.add (local.get $sqB) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0B (f64x2.add (local.get $a0B) (f64x2.mul (local.get $d) (v128.load offset=48 (local.get $x0)))))
        (local.set $a1B (f64x2.add (local.get $a1B) (f64x2.mul (local.get $d) (v128.load offset=48 (local.get $x1)))))
        (local.set $t (f64x2.promote_low_f32x4 (local.tee $e (i32x4.max_u (v128.and (local.get $MA) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)) (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000)))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $e) (local.get $e))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (local.tee $e (i32x4.max_u (v128.and (local.get $MB) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)) (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000)))))
        (local.set $uB (f64x2.add (local.get $uB) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $e) (local.get $e))))
        (local.set $uB (f64x2.add (local.get $uB) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 64)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 64)))
        (br $loop)))
    (local.set $sqs (call $hsum (f64x2.add (local.get $sq) (local.get $sqB))))
    (local.set $a0s (call $hsum (f64x2.add (local.get $a0) (local.get $a0B))))
    (local.set $a1s (call $hsum (f64x2.add (local.get $a1) (local.get $a1B))))
    (local.set $us (call $hsum (f64x2.add (local.get $u) (local.get $uB))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $fw (f64.promote_f32 (f32.reinterpret_i32 (i32.shl (i32.load16_u (local.get $w)) (i32.const 16)))))
        (local.set $fmf (f32.reinterpret_i32 (i32.shl (i32.load16_u (local.get $m)) (i32.const 16))))
        (local.set $df (f64.sub (f64.promote_f32 (local.get $fmf)) (local.get $fw)))
        (local.set $sqs (f64.add (local.get $sqs) (f64.mul (local.get $fw) (local.get $fw))))
        (local.set $a0s (f64.add (local.get $a0s) (f64.mul (local.get $df) (f64.load (local.get $x0)))))
        (local.set $a1s (f64.add (local.get $a1s) (f64.mul (local.get $df) (f64.load (local.get $x1)))))
        (local.set $fm (f64.promote_f32 (f32.reinterpret_i32 (call $max_u (i32.and (i32.reinterpret_f32 (local.get $fmf)) (i32.const 0x7f800000)) (i32.const 0x00800000)))))
        (local.set $us (f64.add (local.get $us) (f64.mul (local.get $fm) (local.get $fm))))
        (local.set $w (i32.add (local.get $w) (i32.const 2)))
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 8)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 8)))
        (br $tail)))
    (local.set $us (call $or_inf (f64.mul (local.get $us) (f64.const 0x1p-14))))
    (local.set $sqs (call $or_inf (local.get $sqs)))
    (f64.store offset=0 (local.get $out) (local.get $sqs))
    (f64.store offset=8 (local.get $out) (local.get $a0s))
    (f64.store offset=16 (local.get $out) (local.get $a1s))
    (f64.store offset=24 (local.get $out) (local.get $us)))

  ;; One row of BF16, fast: W and M as f32 lanes; Σ W² from f32 squares (exact in range) summed in pairs;
  ;; M − W in f32 (exact unless the exponents differ by more than 16, else within 2^-24 of |M − W|), signed
  ;; by the probes' sign masks (x0 + 16n: probe 0's n i32, then probe 1's), and the squares of M's powers
  ;; of two (for ulp²), each summed in fours; every f32 sum then widened and summed in f64. Each term of Σ W²
  ;; is thus within 2^-24 of the f64 path's, of the others within 3·2^-24: the probe sums and ulp² only set
  ;; against a tolerance of BF16 ulps, far coarser. Rows this cannot take (NaN/Inf in W or M, overflowed or
  ;; vanishing sums) are done again by the exact path.
  (func $probe_row_bf16 (param $w i32) (param $m i32) (param $x0 i32) (param $n i32) (param $out i32)
    (local $s0 i32) (local $s1 i32) (local $vend i32) (local $j i32) (local $v v128) (local $WL v128)
    (local $WH v128) (local $ML v128) (local $MH v128) (local $DL v128) (local $DH v128) (local $P v128)
    (local $sq0 v128) (local $sq1 v128) (local $a0 v128) (local $a1 v128)
    (local $u0 v128) (local $p0 v128) (local $p1 v128) (local $pu v128)
    (local $fw f64) (local $fm f64) (local $df f64) (local $sqs f64) (local $a0s f64) (local $a1s f64) (local $us f64)
    (local $e f64)
    (local.set $s0 (i32.add (local.get $x0) (i32.shl (local.get $n) (i32.const 4))))
    (local.set $s1 (i32.add (local.get $s0) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.and (local.get $n) (i32.const -16)))
    ;; 16 elements per iteration, as two halves of 8: Σ W² widened per half (pair sums); the probe sums and
    ;; Σ 2^2e widened once per iteration (sums of four)
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $j) (local.get $vend)))
        (local.set $v (v128.load (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 1)))))
        (local.set $WL (i8x16.shuffle 0 1 16 17 2 3 18 19 4 5 20 21 6 7 22 23 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $WH (i8x16.shuffle 8 9 24 25 10 11 26 27 12 13 28 29 14 15 30 31 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $v (v128.load (i32.add (local.get $m) (i32.shl (local.get $j) (i32.const 1)))))
        (local.set $ML (i8x16.shuffle 0 1 16 17 2 3 18 19 4 5 20 21 6 7 22 23 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $MH (i8x16.shuffle 8 9 24 25 10 11 26 27 12 13 28 29 14 15 30 31 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $P (f32x4.add (f32x4.mul (local.get $WL) (local.get $WL)) (f32x4.mul (local.get $WH) (local.get $WH))))
        (local.set $sq0 (f64x2.add (local.get $sq0) (f64x2.promote_low_f32x4 (local.get $P))))
        (local.set $sq1 (f64x2.add (local.get $sq1) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $P) (local.get $P)))))
        (local.set $DL (f32x4.sub (local.get $ML) (local.get $WL)))
        (local.set $DH (f32x4.sub (local.get $MH) (local.get $WH)))
        (local.set $p0 (f32x4.add (v128.xor (local.get $DL) (v128.load offset=0 (i32.add (local.get $s0) (i32.shl (local.get $j) (i32.const 2))))) (v128.xor (local.get $DH) (v128.load offset=16 (i32.add (local.get $s0) (i32.shl (local.get $j) (i32.const 2)))))))
        (local.set $p1 (f32x4.add (v128.xor (local.get $DL) (v128.load offset=0 (i32.add (local.get $s1) (i32.shl (local.get $j) (i32.const 2))))) (v128.xor (local.get $DH) (v128.load offset=16 (i32.add (local.get $s1) (i32.shl (local.get $j) (i32.const 2)))))))
        (local.set $ML (i32x4.max_u (v128.and (local.get $ML) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)) (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000)))
        (local.set $MH (i32x4.max_u (v128.and (local.get $MH) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)) (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000)))
        (local.set $pu (f32x4.add (f32x4.mul (local.get $ML) (local.get $ML)) (f32x4.mul (local.get $MH) (local.get $MH))))
        (local.set $v (v128.load offset=16 (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 1)))))
        (local.set $WL (i8x16.shuffle 0 1 16 17 2 3 18 19 4 5 20 21 6 7 22 23 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $WH (i8x16.shuffle 8 9 24 25 10 11 26 27 12 13 28 29 14 15 30 31 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $v (v128.load offset=16 (i32.add (local.get $m) (i32.shl (local.get $j) (i32.const 1)))))
        (local.set $ML (i8x16.shuffle 0 1 16 17 2 3 18 19 4 5 20 21 6 7 22 23 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $MH (i8x16.shuffle 8 9 24 25 10 11 26 27 12 13 28 29 14 15 30 31 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $P (f32x4.add (f32x4.mul (local.get $WL) (local.get $WL)) (f32x4.mul (local.get $WH) (local.get $WH))))
        (local.set $sq0 (f64x2.add (local.get $sq0) (f64x2.promote_low_f32x4 (local.get $P))))
        (local.set $sq1 (f64x2.add (local.get $sq1) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $P) (local.get $P)))))
        (local.set $DL (f32x4.sub (local.get $ML) (local.get $WL)))
        (local.set $DH (f32x4.sub (local.get $MH) (local.get $WH)))
        (local.set $p0 (f32x4.add (local.get $p0) (f32x4.add (v128.xor (local.get $DL) (v128.load offset=32 (i32.add (local.get $s0) (i32.shl (local.get $j) (i32.const 2))))) (v128.xor (local.get $DH) (v128.load offset=48 (i32.add (local.get $s0) (i32.shl (local.get $j) (i32.const 2))))))))
        (local.set $p1 (f32x4.add (local.get $p1) (f32x4.add (v128.xor (local.get $DL) (v128.load offset=32 (i32.add (local.get $s1) (i32.shl (local.get $j) (i32.const 2))))) (v128.xor (local.get $DH) (v128.load offset=48 (i32.add (local.get $s1) (i32.shl (local.get $j) (i32.const 2))))))))
        (local.set $ML (i32x4.max_u (v128.and (local.get $ML) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)) (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000)))
        (local.set $MH (i32x4.max_u (v128.and (local.get $MH) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)) (v128.const i32x4 0x00800000 0x00800000 0x00800000 0x00800000)))
        (local.set $pu (f32x4.add (local.get $pu) (f32x4.add (f32x4.mul (local.get $ML) (local.get $ML)) (f32x4.mul (local.get $MH) (local.get $MH)))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.add (f64x2.promote_low_f32x4 (local.get $p0))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $p0) (local.get $p0))))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.add (f64x2.promote_low_f32x4 (local.get $p1))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $p1) (local.get $p1))))))
        (local.set $u0 (f64x2.add (local.get $u0) (f64x2.add (f64x2.promote_low_f32x4 (local.get $pu))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $pu) (local.get $pu))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $loop)))
    (local.set $sqs (call $hsum (f64x2.add (local.get $sq0) (local.get $sq1))))
    (local.set $a0s (call $hsum (local.get $a0)))
    (local.set $a1s (call $hsum (local.get $a1)))
    (local.set $us (call $hsum (local.get $u0)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $fw (f64.promote_f32 (f32.reinterpret_i32 (i32.shl (i32.load16_u (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 1)))) (i32.const 16)))))
        (local.set $fm (f64.promote_f32 (f32.reinterpret_i32 (i32.shl (i32.load16_u (i32.add (local.get $m) (i32.shl (local.get $j) (i32.const 1)))) (i32.const 16)))))
        (local.set $df (f64.sub (local.get $fm) (local.get $fw)))
        (local.set $sqs (f64.add (local.get $sqs) (f64.mul (local.get $fw) (local.get $fw))))
        (local.set $a0s (f64.add (local.get $a0s) (f64.mul (local.get $df) (f64.load (i32.add (local.get $x0) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $a1s (f64.add (local.get $a1s) (f64.mul (local.get $df)
          (f64.load (i32.add (i32.add (local.get $x0) (i32.shl (local.get $n) (i32.const 3))) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $e (f64.promote_f32 (f32.reinterpret_i32 (call $max_u (i32.and (i32.reinterpret_f32 (f32.demote_f64 (local.get $fm))) (i32.const 0x7f800000)) (i32.const 0x00800000)))))
        (local.set $us (f64.add (local.get $us) (f64.mul (local.get $e) (local.get $e))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tail)))
    ;; exact enough: finite sums, and Σ W² and Σ 2^2e at least 2^-100 (no square that underflowed can matter)
    (if (i32.eqz (i32.and
          (i32.and (f64.lt (local.get $sqs) (f64.const inf)) (f64.ge (local.get $sqs) (f64.const 0x1p-100)))
          (i32.and (f64.lt (local.get $us) (f64.const inf)) (f64.ge (local.get $us) (f64.const 0x1p-100)))))
      (then
        (call $probe_row_bf16_exact (local.get $w) (local.get $m) (local.get $x0) (local.get $n) (local.get $out))
        (return)))
    (if (i32.eqz (i32.and (f64.lt (f64.abs (local.get $a0s)) (f64.const inf)) (f64.lt (f64.abs (local.get $a1s)) (f64.const inf))))
      (then
        (call $probe_row_bf16_exact (local.get $w) (local.get $m) (local.get $x0) (local.get $n) (local.get $out))
        (return)))
    (f64.store offset=0 (local.get $out) (local.get $sqs))
    (f64.store offset=8 (local.get $out) (local.get $a0s))
    (f64.store offset=16 (local.get $out) (local.get $a1s))
    (f64.store offset=24 (local.get $out) (f64.mul (local.get $us) (f64.const 0x1p-14))))

  (func (export "probe_bf16") (param $w i32) (param $m i32) (param $x i32) (param $cols i32) (param $rows i32) (param $out i32)
    (local $r i32) (local $offset i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $offset (i32.mul (i32.mul (local.get $r) (local.get $cols)) (i32.const 2)))
        (call $probe_row_bf16
          (i32.add (local.get $w) (local.get $offset)) (i32.add (local.get $m) (local.get $offset))
          (local.get $x) (local.get $cols) (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 5))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; One row of F16: Σ W², Σ x0·(M − W), Σ x1·(M − W), Σ ulp(M)² at out.
  (func $probe_row_f16 (param $w i32) (param $m i32) (param $x0 i32) (param $n i32) (param $out i32)
    (local $x1 i32) (local $end i32) (local $vend i32) (local $v v128) (local $flag v128)
    (local $WA v128) (local $WB v128) (local $MA v128) (local $MB v128) (local $e v128) (local $t v128)
    (local $tw v128) (local $d v128) (local $sq v128) (local $a0 v128) (local $a1 v128) (local $u v128)
    (local $fw f64) (local $fm f64) (local $df f64) (local $sqs f64) (local $a0s f64) (local $a1s f64) (local $us f64)
    (local $fmf f32) (local $h i32) (local $bad i32)
    (local.set $x1 (i32.add (local.get $x0) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end (i32.add (local.get $w) (i32.mul (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $w) (i32.mul (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $w) (local.get $vend)))
        (local.set $v (v128.load (local.get $w)))
        (local.set $flag (v128.or (local.get $flag) (i16x8.eq (v128.and (local.get $v) (v128.const i16x8 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00))
          (v128.const i16x8 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00))))
        (local.set $WA (f32x4.mul (v128.or
          (v128.and (i32x4.shl (local.tee $t (i32x4.extend_low_i16x8_u (local.get $v))) (i32.const 13)) (v128.const i32x4 0x0fffe000 0x0fffe000 0x0fffe000 0x0fffe000))
          (v128.and (i32x4.shl (local.get $t) (i32.const 16)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
          (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112)))
        (local.set $WB (f32x4.mul (v128.or
          (v128.and (i32x4.shl (local.tee $t (i32x4.extend_high_i16x8_u (local.get $v))) (i32.const 13)) (v128.const i32x4 0x0fffe000 0x0fffe000 0x0fffe000 0x0fffe000))
          (v128.and (i32x4.shl (local.get $t) (i32.const 16)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
          (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112)))
        (local.set $v (v128.load (local.get $m)))
        (local.set $flag (v128.or (local.get $flag) (i16x8.eq (v128.and (local.get $v) (v128.const i16x8 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00))
          (v128.const i16x8 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00 0x7c00))))
        (local.set $MA (f32x4.mul (v128.or
          (v128.and (i32x4.shl (local.tee $t (i32x4.extend_low_i16x8_u (local.get $v))) (i32.const 13)) (v128.const i32x4 0x0fffe000 0x0fffe000 0x0fffe000 0x0fffe000))
          (v128.and (i32x4.shl (local.get $t) (i32.const 16)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
          (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112)))
        (local.set $MB (f32x4.mul (v128.or
          (v128.and (i32x4.shl (local.tee $t (i32x4.extend_high_i16x8_u (local.get $v))) (i32.const 13)) (v128.const i32x4 0x0fffe000 0x0fffe000 0x0fffe000 0x0fffe000))
          (v128.and (i32x4.shl (local.get $t) (i32.const 16)) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
          (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112)))
        (local.set $tw (f64x2.promote_low_f32x4 (local.get $WA)))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (local.get $MA)) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=0 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=0 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $WA) (local.get $WA))))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $MA) (local.get $MA))) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=16 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=16 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (local.get $WB)))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (local.get $MB)) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=32 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=32 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $WB) (local.get $WB))))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $MB) (local.get $MB))) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=48 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=48 (local.get $x1)))))
        (local.set $t (f64x2.promote_low_f32x4 (local.tee $e (i32x4.max_u (v128.and (local.get $MA) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)) (v128.const i32x4 0x38800000 0x38800000 0x38800000 0x38800000)))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $e) (local.get $e))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (local.tee $e (i32x4.max_u (v128.and (local.get $MB) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)) (v128.const i32x4 0x38800000 0x38800000 0x38800000 0x38800000)))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $e) (local.get $e))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 64)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 64)))
        (br $loop)))
    (local.set $sqs (call $hsum (local.get $sq)))
    (local.set $a0s (call $hsum (local.get $a0)))
    (local.set $a1s (call $hsum (local.get $a1)))
    (local.set $us (call $hsum (local.get $u)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $fw (f64.promote_f32 (call $f16 (local.tee $h (i32.load16_u (local.get $w))))))
        (local.set $bad (i32.or (local.get $bad) (call $f16_nonfinite (local.get $h))))
        (local.set $fmf (call $f16 (local.tee $h (i32.load16_u (local.get $m)))))
        (local.set $bad (i32.or (local.get $bad) (call $f16_nonfinite (local.get $h))))
        (local.set $df (f64.sub (f64.promote_f32 (local.get $fmf)) (local.get $fw)))
        (local.set $sqs (f64.add (local.get $sqs) (f64.mul (local.get $fw) (local.get $fw))))
        (local.set $a0s (f64.add (local.get $a0s) (f64.mul (local.get $df) (f64.load (local.get $x0)))))
        (local.set $a1s (f64.add (local.get $a1s) (f64.mul (local.get $df) (f64.load (local.get $x1)))))
        (local.set $fm (f64.promote_f32 (f32.reinterpret_i32 (call $max_u (i32.and (i32.reinterpret_f32 (local.get $fmf)) (i32.const 0x7f800000)) (i32.const 0x38800000)))))
        (local.set $us (f64.add (local.get $us) (f64.mul (local.get $fm) (local.get $fm))))
        (local.set $w (i32.add (local.get $w) (i32.const 2)))
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 8)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 8)))
        (br $tail)))
    (local.set $us (call $or_inf (f64.mul (local.get $us) (f64.const 0x1p-20))))
    (local.set $sqs (call $or_inf (local.get $sqs)))
    (if (i32.or (local.get $bad) (v128.any_true (local.get $flag)))
      (then (local.set $sqs (f64.const inf)) (local.set $us (f64.const inf))))
    (f64.store offset=0 (local.get $out) (local.get $sqs))
    (f64.store offset=8 (local.get $out) (local.get $a0s))
    (f64.store offset=16 (local.get $out) (local.get $a1s))
    (f64.store offset=24 (local.get $out) (local.get $us)))

  (func (export "probe_f16") (param $w i32) (param $m i32) (param $x i32) (param $cols i32) (param $rows i32) (param $out i32)
    (local $r i32) (local $offset i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $offset (i32.mul (i32.mul (local.get $r) (local.get $cols)) (i32.const 2)))
        (call $probe_row_f16
          (i32.add (local.get $w) (local.get $offset)) (i32.add (local.get $m) (local.get $offset))
          (local.get $x) (local.get $cols) (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 5))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; One row of F32: Σ W², Σ x0·(M − W), Σ x1·(M − W), Σ ulp(M)² at out.
  (func $probe_row_f32 (param $w i32) (param $m i32) (param $x0 i32) (param $n i32) (param $out i32)
    (local $x1 i32) (local $end i32) (local $vend i32) (local $v v128) (local $flag v128)
    (local $WA v128) (local $WB v128) (local $MA v128) (local $MB v128) (local $e v128) (local $t v128)
    (local $tw v128) (local $d v128) (local $sq v128) (local $a0 v128) (local $a1 v128) (local $u v128)
    (local $fw f64) (local $fm f64) (local $df f64) (local $sqs f64) (local $a0s f64) (local $a1s f64) (local $us f64)
    (local $fmf f32) (local $h i32) (local $bad i32)
    (local.set $x1 (i32.add (local.get $x0) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end (i32.add (local.get $w) (i32.mul (local.get $n) (i32.const 4))))
    (local.set $vend (i32.add (local.get $w) (i32.mul (i32.and (local.get $n) (i32.const -8)) (i32.const 4))))
    (block $vdone
      (loop $loop
        (br_if $vdone (i32.ge_u (local.get $w) (local.get $vend)))
        (local.set $WA (v128.load (local.get $w)))
        (local.set $WB (v128.load offset=16 (local.get $w)))
        (local.set $MA (v128.load (local.get $m)))
        (local.set $MB (v128.load offset=16 (local.get $m)))
        (local.set $tw (f64x2.promote_low_f32x4 (local.get $WA)))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (local.get $MA)) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=0 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=0 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $WA) (local.get $WA))))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $MA) (local.get $MA))) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=16 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=16 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (local.get $WB)))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (local.get $MB)) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=32 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=32 (local.get $x1)))))
        (local.set $tw (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $WB) (local.get $WB))))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $MB) (local.get $MB))) (local.get $tw)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $tw) (local.get $tw))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $d) (v128.load offset=48 (local.get $x0)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $d) (v128.load offset=48 (local.get $x1)))))
        (local.set $t (f64x2.promote_low_f32x4 (local.tee $e (f32x4.max (f32x4.abs (local.get $MA)) (v128.const f32x4 0x1p-126 0x1p-126 0x1p-126 0x1p-126)))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $e) (local.get $e))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (local.tee $e (f32x4.max (f32x4.abs (local.get $MB)) (v128.const f32x4 0x1p-126 0x1p-126 0x1p-126 0x1p-126)))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $e) (local.get $e))))
        (local.set $u (f64x2.add (local.get $u) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (local.set $m (i32.add (local.get $m) (i32.const 32)))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 64)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 64)))
        (br $loop)))
    (local.set $sqs (call $hsum (local.get $sq)))
    (local.set $a0s (call $hsum (local.get $a0)))
    (local.set $a1s (call $hsum (local.get $a1)))
    (local.set $us (call $hsum (local.get $u)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $fw (f64.promote_f32 (f32.load (local.get $w))))
        (local.set $fmf (f32.load (local.get $m)))
        (local.set $df (f64.sub (f64.promote_f32 (local.get $fmf)) (local.get $fw)))
        (local.set $sqs (f64.add (local.get $sqs) (f64.mul (local.get $fw) (local.get $fw))))
        (local.set $a0s (f64.add (local.get $a0s) (f64.mul (local.get $df) (f64.load (local.get $x0)))))
        (local.set $a1s (f64.add (local.get $a1s) (f64.mul (local.get $df) (f64.load (local.get $x1)))))
        (local.set $fm (f64.promote_f32 (f32.max (f32.abs (local.get $fmf)) (f32.const 0x1p-126))))
        (local.set $us (f64.add (local.get $us) (f64.mul (local.get $fm) (local.get $fm))))
        (local.set $w (i32.add (local.get $w) (i32.const 4)))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 8)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 8)))
        (br $tail)))
    (local.set $us (call $or_inf (f64.mul (local.get $us) (f64.const 0x1p-46))))
    (local.set $sqs (call $or_inf (local.get $sqs)))
    (f64.store offset=0 (local.get $out) (local.get $sqs))
    (f64.store offset=8 (local.get $out) (local.get $a0s))
    (f64.store offset=16 (local.get $out) (local.get $a1s))
    (f64.store offset=24 (local.get $out) (local.get $us)))

  (func (export "probe_f32") (param $w i32) (param $m i32) (param $x i32) (param $cols i32) (param $rows i32) (param $out i32)
    (local $r i32) (local $offset i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $offset (i32.mul (i32.mul (local.get $r) (local.get $cols)) (i32.const 4)))
        (call $probe_row_f32
          (i32.add (local.get $w) (local.get $offset)) (i32.add (local.get $m) (local.get $offset))
          (local.get $x) (local.get $cols) (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 5))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  (func (export "update_row") (param $l i32) (param $ks i32) (param $terms i32) (param $right i32)
    (param $cols i32) (param $out i32)
    (call $update_row (local.get $l) (local.get $ks) (local.get $terms) (local.get $right) (local.get $cols) (local.get $out)))

  ;; 16 columns at a time (8 accumulators: the adds of one term overlap), then 8, then one by one. Per term
  ;; the address of its row of R is computed once per row, into the ks array (as a byte offset from R).
  (func $update_row (param $l i32) (param $ks i32) (param $terms i32) (param $right i32)
    (param $cols i32) (param $out i32)
    (local $j i32) (local $t i32) (local $p i32) (local $q i32) (local $rowBytes i32) (local $lv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128)
    (local $a6 v128) (local $a7 v128) (local $s f64) (local $at i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    ;; ks[t] -> address of row ks[t] of R (the caller's ks are rewritten)
    (block $pdone
      (loop $ptr
        (br_if $pdone (i32.ge_u (local.get $t) (local.get $terms)))
        (local.set $at (i32.add (local.get $ks) (i32.shl (local.get $t) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (local.get $right) (i32.mul (i32.load (local.get $at)) (local.get $rowBytes))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $ptr)))
    (block $wdone
      (loop $block16
        (br_if $wdone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $cols)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $a4 (v128.const f64x2 0 0))
        (local.set $a5 (v128.const f64x2 0 0))
        (local.set $a6 (v128.const f64x2 0 0))
        (local.set $a7 (v128.const f64x2 0 0))
        (local.set $t (i32.const 0))
        (block $tdone
          (loop $term
            (br_if $tdone (i32.ge_u (local.get $t) (local.get $terms)))
            (local.set $lv (f64x2.splat (f64.load (i32.add (local.get $l) (i32.shl (local.get $t) (i32.const 3))))))
            (local.set $p (i32.add (i32.load (i32.add (local.get $ks) (i32.shl (local.get $t) (i32.const 2))))
              (i32.shl (local.get $j) (i32.const 3))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $lv) (v128.load (local.get $p)))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $lv) (v128.load offset=16 (local.get $p)))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $lv) (v128.load offset=32 (local.get $p)))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $lv) (v128.load offset=48 (local.get $p)))))
            (local.set $a4 (f64x2.add (local.get $a4) (f64x2.mul (local.get $lv) (v128.load offset=64 (local.get $p)))))
            (local.set $a5 (f64x2.add (local.get $a5) (f64x2.mul (local.get $lv) (v128.load offset=80 (local.get $p)))))
            (local.set $a6 (f64x2.add (local.get $a6) (f64x2.mul (local.get $lv) (v128.load offset=96 (local.get $p)))))
            (local.set $a7 (f64x2.add (local.get $a7) (f64x2.mul (local.get $lv) (v128.load offset=112 (local.get $p)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $term)))
        (local.set $q (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
        (v128.store (local.get $q) (local.get $a0))
        (v128.store offset=16 (local.get $q) (local.get $a1))
        (v128.store offset=32 (local.get $q) (local.get $a2))
        (v128.store offset=48 (local.get $q) (local.get $a3))
        (v128.store offset=64 (local.get $q) (local.get $a4))
        (v128.store offset=80 (local.get $q) (local.get $a5))
        (v128.store offset=96 (local.get $q) (local.get $a6))
        (v128.store offset=112 (local.get $q) (local.get $a7))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $block16)))
    (block $vdone
      (loop $block8
        (br_if $vdone (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $cols)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $t (i32.const 0))
        (block $tdone8
          (loop $term8
            (br_if $tdone8 (i32.ge_u (local.get $t) (local.get $terms)))
            (local.set $lv (f64x2.splat (f64.load (i32.add (local.get $l) (i32.shl (local.get $t) (i32.const 3))))))
            (local.set $p (i32.add (i32.load (i32.add (local.get $ks) (i32.shl (local.get $t) (i32.const 2))))
              (i32.shl (local.get $j) (i32.const 3))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $lv) (v128.load (local.get $p)))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $lv) (v128.load offset=16 (local.get $p)))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $lv) (v128.load offset=32 (local.get $p)))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $lv) (v128.load offset=48 (local.get $p)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $term8)))
        (local.set $q (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
        (v128.store (local.get $q) (local.get $a0))
        (v128.store offset=16 (local.get $q) (local.get $a1))
        (v128.store offset=32 (local.get $q) (local.get $a2))
        (v128.store offset=48 (local.get $q) (local.get $a3))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $block8)))
    (block $done
      (loop $col
        (br_if $done (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $s (f64.const 0))
        (local.set $t (i32.const 0))
        (block $tdone1
          (loop $term1
            (br_if $tdone1 (i32.ge_u (local.get $t) (local.get $terms)))
            (local.set $s (f64.add (local.get $s) (f64.mul
              (f64.load (i32.add (local.get $l) (i32.shl (local.get $t) (i32.const 3))))
              (f64.load (i32.add (i32.load (i32.add (local.get $ks) (i32.shl (local.get $t) (i32.const 2))))
                (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $term1)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (local.get $s))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $col))))

  (func (export "round_row_bf16") (param $l i32) (param $ks i32) (param $terms i32) (param $right i32)
    (param $cols i32) (param $w i32) (param $delta i32) (param $out i32) (result i32)
    (call $update_row (local.get $l) (local.get $ks) (local.get $terms) (local.get $right) (local.get $cols) (local.get $delta))
    (call $round_delta_bf16 (local.get $delta) (local.get $cols) (local.get $w) (local.get $out)))

  ;; The rounding pass of round_row_bf16 over a ΔW row already at `delta` (f64).
  (func $round_delta_bf16 (param $delta i32) (param $cols i32) (param $w i32) (param $out i32) (result i32)
    (local $j i32) (local $q i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $v v128) (local $WL v128)
    (local $WH v128) (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $S v128)
    (local $r v128) (local $b v128) (local $sq0 v128) (local $sq1 v128) (local $awayV v128) (local $flagV v128)
    (local $s f64) (local $wd f64) (local $sq f64) (local $bits i32) (local $sum i32) (local $rs i32)
    (local $away i32) (local $flag i32)
    (block $vdone
      (loop $block8
        (br_if $vdone (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $cols)))
        (local.set $q (i32.add (local.get $delta) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $a0 (v128.load (local.get $q)))
        (local.set $a1 (v128.load offset=16 (local.get $q)))
        (local.set $a2 (v128.load offset=32 (local.get $q)))
        (local.set $a3 (v128.load offset=48 (local.get $q)))
        ;; W as f32 lanes (bits << 16): elements 0-3 and 4-7; then as f64 pairs
        (local.set $v (v128.load (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 1)))))
        (local.set $WL (i8x16.shuffle 0 1 16 17 2 3 18 19 4 5 20 21 6 7 22 23 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $WH (i8x16.shuffle 8 9 24 25 10 11 26 27 12 13 28 29 14 15 30 31 (v128.const i32x4 0 0 0 0) (local.get $v)))
        (local.set $w0 (f64x2.promote_low_f32x4 (local.get $WL)))
        (local.set $w1 (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $WL) (local.get $WL))))
        (local.set $w2 (f64x2.promote_low_f32x4 (local.get $WH)))
        (local.set $w3 (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $WH) (local.get $WH))))
        (local.set $sq0 (f64x2.add (local.get $sq0) (f64x2.mul (local.get $w0) (local.get $w0))))
        (local.set $sq1 (f64x2.add (local.get $sq1) (f64x2.mul (local.get $w1) (local.get $w1))))
        (local.set $sq0 (f64x2.add (local.get $sq0) (f64x2.mul (local.get $w2) (local.get $w2))))
        (local.set $sq1 (f64x2.add (local.get $sq1) (f64x2.mul (local.get $w3) (local.get $w3))))
        ;; S = f32(W + f32(ΔW)) for elements 0-3, then 4-7
        (local.set $S (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.add (local.get $w0) (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (local.get $a0)))))
          (f32x4.demote_f64x2_zero (f64x2.add (local.get $w1) (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (local.get $a1)))))))
        (local.set $r (i32x4.shr_u (i32x4.add (i32x4.add (local.get $S) (v128.const i32x4 0x7fff 0x7fff 0x7fff 0x7fff))
          (v128.and (i32x4.shr_u (local.get $S) (i32.const 16)) (v128.const i32x4 1 1 1 1))) (i32.const 16)))
        (local.set $b (i32x4.shr_u (local.get $WL) (i32.const 16)))
        (local.set $awayV (i32x4.sub (local.get $awayV) (v128.or (i32x4.eq (local.get $r) (local.get $b))
          (i32x4.eq (v128.and (v128.or (local.get $r) (local.get $b)) (v128.const i32x4 0x7fff 0x7fff 0x7fff 0x7fff)) (v128.const i32x4 0 0 0 0)))))
        (local.set $flagV (v128.or (local.get $flagV) (i32x4.ge_u (v128.and (local.get $S) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
          (v128.const i32x4 0x7f7f8000 0x7f7f8000 0x7f7f8000 0x7f7f8000))))
        (local.set $S (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.add (local.get $w2) (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (local.get $a2)))))
          (f32x4.demote_f64x2_zero (f64x2.add (local.get $w3) (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (local.get $a3)))))))
        (local.set $r (i32x4.shr_u (i32x4.add (i32x4.add (local.get $S) (v128.const i32x4 0x7fff 0x7fff 0x7fff 0x7fff))
          (v128.and (i32x4.shr_u (local.get $S) (i32.const 16)) (v128.const i32x4 1 1 1 1))) (i32.const 16)))
        (local.set $b (i32x4.shr_u (local.get $WH) (i32.const 16)))
        (local.set $awayV (i32x4.sub (local.get $awayV) (v128.or (i32x4.eq (local.get $r) (local.get $b))
          (i32x4.eq (v128.and (v128.or (local.get $r) (local.get $b)) (v128.const i32x4 0x7fff 0x7fff 0x7fff 0x7fff)) (v128.const i32x4 0 0 0 0)))))
        (local.set $flagV (v128.or (local.get $flagV) (i32x4.ge_u (v128.and (local.get $S) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
          (v128.const i32x4 0x7f7f8000 0x7f7f8000 0x7f7f8000 0x7f7f8000))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $block8)))
    (local.set $sq (call $hsum (f64x2.add (local.get $sq0) (local.get $sq1))))
    (local.set $away (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $awayV)) (i32x4.extract_lane 1 (local.get $awayV)))
      (i32.add (i32x4.extract_lane 2 (local.get $awayV)) (i32x4.extract_lane 3 (local.get $awayV)))))
    (local.set $flag (v128.any_true (local.get $flagV)))
    (block $done
      (loop $col
        (br_if $done (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $s (f64.load (i32.add (local.get $delta) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $bits (i32.load16_u (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 1)))))
        (local.set $wd (f64.promote_f32 (f32.reinterpret_i32 (i32.shl (local.get $bits) (i32.const 16)))))
        (local.set $sq (f64.add (local.get $sq) (f64.mul (local.get $wd) (local.get $wd))))
        (local.set $sum (i32.reinterpret_f32 (f32.demote_f64 (f64.add (local.get $wd) (f64.promote_f32 (f32.demote_f64 (local.get $s)))))))
        (if (i32.ge_u (i32.and (local.get $sum) (i32.const 0x7fffffff)) (i32.const 0x7f7f8000))
          (then (local.set $flag (i32.const 1))))
        (local.set $rs (i32.shr_u (i32.add (i32.add (local.get $sum) (i32.const 0x7fff))
          (i32.and (i32.shr_u (local.get $sum) (i32.const 16)) (i32.const 1))) (i32.const 16)))
        (if (i32.or (i32.eq (local.get $rs) (local.get $bits))
              (i32.eqz (i32.and (i32.or (local.get $rs) (local.get $bits)) (i32.const 0x7fff))))
          (then (local.set $away (i32.add (local.get $away) (i32.const 1)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $col)))
    (if (i32.or (local.get $flag) (i32.eqz (f64.lt (local.get $sq) (f64.const inf))))
      (then (return (i32.const 1))))
    (f64.store (local.get $out) (local.get $sq))
    (i32.store offset=8 (local.get $out) (local.get $away))
    (i32.const 0))

  ;; One entry's dot product of rows at u and v (n f64 each): lane 0 the even columns, lane 1 the odd.
  (func $dot_chains (param $u i32) (param $v i32) (param $n i32) (result f64)
    (local $i i32) (local $last i32) (local $a v128)
    (local.set $last (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $last)))
        (local.set $a (f64x2.add (local.get $a) (f64x2.mul
          (v128.load (i32.add (local.get $u) (local.get $i))) (v128.load (i32.add (local.get $v) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (local.set $a (f64x2.replace_lane 0 (local.get $a) (f64.add (f64x2.extract_lane 0 (local.get $a))
        (f64.mul (f64.load (i32.add (local.get $u) (local.get $i))) (f64.load (i32.add (local.get $v) (local.get $i)))))))))
    (call $hsum (local.get $a)))

  (func $store_sym (param $out i32) (param $r i32) (param $p i32) (param $q i32) (param $x f64)
    (f64.store (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $p) (local.get $r)) (local.get $q)) (i32.const 3))) (local.get $x))
    (f64.store (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $q) (local.get $r)) (local.get $p)) (i32.const 3))) (local.get $x)))

  (func (export "gram_rows") (param $x i32) (param $r i32) (param $n i32) (param $out i32)
    (local $p i32) (local $q i32) (local $u i32) (local $u1 i32) (local $v0 i32) (local $rowBytes i32) (local $i i32)
    (local $last i32) (local $a v128) (local $b v128) (local $c v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $last (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $pdone
      (loop $prow
        (br_if $pdone (i32.ge_u (local.get $p) (local.get $r)))
        (local.set $u (i32.add (local.get $x) (i32.mul (local.get $p) (local.get $rowBytes))))
        (local.set $q (local.get $p))
        (if (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $r))
          (then
            ;; rows p and p + 1 against four rows q..q+3 at once: each load serves four or two entries. Row
            ;; p + 1's entry with q = p is entry (p, p + 1) again, the same bits (products commute).
            (local.set $u1 (i32.add (local.get $u) (local.get $rowBytes)))
            (block $qdone2
              (loop $qblock2
                (br_if $qdone2 (i32.gt_u (i32.add (local.get $q) (i32.const 4)) (local.get $r)))
                (local.set $v0 (i32.add (local.get $x) (i32.mul (local.get $q) (local.get $rowBytes))))
                (local.set $a0 (v128.const f64x2 0 0))
                (local.set $a1 (v128.const f64x2 0 0))
                (local.set $a2 (v128.const f64x2 0 0))
                (local.set $a3 (v128.const f64x2 0 0))
                (local.set $b0 (v128.const f64x2 0 0))
                (local.set $b1 (v128.const f64x2 0 0))
                (local.set $b2 (v128.const f64x2 0 0))
                (local.set $b3 (v128.const f64x2 0 0))
                (local.set $i (i32.const 0))
                (block $idone2
                  (loop $pairs2
                    (br_if $idone2 (i32.ge_u (local.get $i) (local.get $last)))
                    (local.set $a (v128.load (i32.add (local.get $u) (local.get $i))))
                    (local.set $b (v128.load (i32.add (local.get $u1) (local.get $i))))
                    (local.set $c (v128.load (i32.add (local.get $v0) (local.get $i))))
                    (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $a) (local.get $c))))
                    (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $b) (local.get $c))))
                    (local.set $c (v128.load (i32.add (i32.add (local.get $v0) (local.get $rowBytes)) (local.get $i))))
                    (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $a) (local.get $c))))
                    (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $b) (local.get $c))))
                    (local.set $c (v128.load (i32.add (i32.add (local.get $v0) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $i))))
                    (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $a) (local.get $c))))
                    (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $b) (local.get $c))))
                    (local.set $c (v128.load (i32.add (i32.add (local.get $v0) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $i))))
                    (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $a) (local.get $c))))
                    (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $b) (local.get $c))))
                    (local.set $i (i32.add (local.get $i) (i32.const 16)))
                    (br $pairs2)))
                (call $store_sym (local.get $out) (local.get $r) (local.get $p) (local.get $q)
                  (call $finish_chain (local.get $a0) (local.get $u) (local.get $v0) (local.get $n) (local.get $i)))
                (call $store_sym (local.get $out) (local.get $r) (local.get $p) (i32.add (local.get $q) (i32.const 1))
                  (call $finish_chain (local.get $a1) (local.get $u) (i32.add (local.get $v0) (local.get $rowBytes)) (local.get $n) (local.get $i)))
                (call $store_sym (local.get $out) (local.get $r) (local.get $p) (i32.add (local.get $q) (i32.const 2))
                  (call $finish_chain (local.get $a2) (local.get $u) (i32.add (local.get $v0) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $n) (local.get $i)))
                (call $store_sym (local.get $out) (local.get $r) (local.get $p) (i32.add (local.get $q) (i32.const 3))
                  (call $finish_chain (local.get $a3) (local.get $u) (i32.add (local.get $v0) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $n) (local.get $i)))
                (call $store_sym (local.get $out) (local.get $r) (i32.add (local.get $p) (i32.const 1)) (local.get $q)
                  (call $finish_chain (local.get $b0) (local.get $u1) (local.get $v0) (local.get $n) (local.get $i)))
                (call $store_sym (local.get $out) (local.get $r) (i32.add (local.get $p) (i32.const 1)) (i32.add (local.get $q) (i32.const 1))
                  (call $finish_chain (local.get $b1) (local.get $u1) (i32.add (local.get $v0) (local.get $rowBytes)) (local.get $n) (local.get $i)))
                (call $store_sym (local.get $out) (local.get $r) (i32.add (local.get $p) (i32.const 1)) (i32.add (local.get $q) (i32.const 2))
                  (call $finish_chain (local.get $b2) (local.get $u1) (i32.add (local.get $v0) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $n) (local.get $i)))
                (call $store_sym (local.get $out) (local.get $r) (i32.add (local.get $p) (i32.const 1)) (i32.add (local.get $q) (i32.const 3))
                  (call $finish_chain (local.get $b3) (local.get $u1) (i32.add (local.get $v0) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $n) (local.get $i)))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (br $qblock2)))
            ;; the rest of both rows one entry at a time
            (block $rdone2
              (loop $rest2
                (br_if $rdone2 (i32.ge_u (local.get $q) (local.get $r)))
                (call $store_sym (local.get $out) (local.get $r) (local.get $p) (local.get $q)
                  (call $dot_chains (local.get $u) (i32.add (local.get $x) (i32.mul (local.get $q) (local.get $rowBytes))) (local.get $n)))
                (call $store_sym (local.get $out) (local.get $r) (i32.add (local.get $p) (i32.const 1)) (local.get $q)
                  (call $dot_chains (local.get $u1) (i32.add (local.get $x) (i32.mul (local.get $q) (local.get $rowBytes))) (local.get $n)))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $rest2)))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $prow)))
        ;; the last row alone
        (block $rdone
          (loop $rest
            (br_if $rdone (i32.ge_u (local.get $q) (local.get $r)))
            (call $store_sym (local.get $out) (local.get $r) (local.get $p) (local.get $q)
              (call $dot_chains (local.get $u) (i32.add (local.get $x) (i32.mul (local.get $q) (local.get $rowBytes))) (local.get $n)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $rest)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $prow))))

  ;; The chains of one entry after the pairs: an odd last column joins the even chain, then even + odd.
  (func $finish_chain (param $a v128) (param $u i32) (param $v i32) (param $n i32) (param $i i32) (result f64)
    (if (i32.and (local.get $n) (i32.const 1))
      (then (local.set $a (f64x2.replace_lane 0 (local.get $a) (f64.add (f64x2.extract_lane 0 (local.get $a))
        (f64.mul (f64.load (i32.add (local.get $u) (local.get $i))) (f64.load (i32.add (local.get $v) (local.get $i)))))))))
    (call $hsum (local.get $a)))

  ;; dst (cols x rows) = src (rows x cols)ᵀ, f64. Eight source rows at a time, so each column's eight values
  ;; fill one 64-byte line of the destination: one value per write with strides of rows·8 bytes (often a
  ;; power of two) would keep evicting itself from the cache (measured ~10 ns per value at rank 64).
  (func (export "transpose") (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)
    (local $i i32) (local $k i32) (local $from i32) (local $to i32) (local $rowBytes i32) (local $dstRow i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    (local.set $dstRow (i32.shl (local.get $rows) (i32.const 3)))
    (block $bdone
      (loop $block
        (br_if $bdone (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $rows)))
        (local.set $from (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $col
            (br_if $kdone (i32.ge_u (local.get $k) (local.get $cols)))
            (f64.store offset=0 (local.get $to) (f64.load (local.get $from)))
            (f64.store offset=8 (local.get $to) (f64.load (i32.add (local.get $from) (local.get $rowBytes))))
            (f64.store offset=16 (local.get $to) (f64.load (i32.add (local.get $from) (i32.mul (local.get $rowBytes) (i32.const 2)))))
            (f64.store offset=24 (local.get $to) (f64.load (i32.add (local.get $from) (i32.mul (local.get $rowBytes) (i32.const 3)))))
            (f64.store offset=32 (local.get $to) (f64.load (i32.add (local.get $from) (i32.mul (local.get $rowBytes) (i32.const 4)))))
            (f64.store offset=40 (local.get $to) (f64.load (i32.add (local.get $from) (i32.mul (local.get $rowBytes) (i32.const 5)))))
            (f64.store offset=48 (local.get $to) (f64.load (i32.add (local.get $from) (i32.mul (local.get $rowBytes) (i32.const 6)))))
            (f64.store offset=56 (local.get $to) (f64.load (i32.add (local.get $from) (i32.mul (local.get $rowBytes) (i32.const 7)))))
            (local.set $from (i32.add (local.get $from) (i32.const 8)))
            (local.set $to (i32.add (local.get $to) (local.get $dstRow)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $col)))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $block)))
    (block $idone
      (loop $row
        (br_if $idone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $from (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $k (i32.const 0))
        (block $kdone1
          (loop $col1
            (br_if $kdone1 (i32.ge_u (local.get $k) (local.get $cols)))
            (f64.store
              (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $rows)) (local.get $i)) (i32.const 3)))
              (f64.load (i32.add (local.get $from) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $col1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

  (func (export "compare_row_bf16") (param $w i32) (param $m i32) (param $delta i32) (param $colNorms i32)
    (param $cols i32) (param $rel f64) (param $tiny f64) (param $updateTol f64) (param $out i32) (result i32)
    (local $j i32) (local $pairs i32) (local $md v128) (local $e v128) (local $err v128) (local $bad v128)
    (local $finite v128) (local $maxV v128) (local $count v128) (local $relV v128) (local $tinyV v128)
    (local $tolV v128) (local $mds f64) (local $es f64) (local $errs f64) (local $maxErr f64) (local $mism i32)
    (local $first i32)
    (local.set $first (i32.const -1))
    (local.set $relV (f64x2.splat (local.get $rel)))
    (local.set $tinyV (f64x2.splat (local.get $tiny)))
    (local.set $tolV (f64x2.splat (local.get $updateTol)))
    (local.set $finite (v128.const i64x2 -1 -1))
    (local.set $pairs (i32.and (local.get $cols) (i32.const -2)))
    ;; two elements at a time: M and W as f64 lanes from their two BF16 patterns
    (block $vdone
      (loop $pair
        (br_if $vdone (i32.ge_u (local.get $j) (local.get $pairs)))
        (local.set $md (f64x2.promote_low_f32x4 (i8x16.shuffle 0 1 16 17 2 3 18 19 0 1 16 17 2 3 18 19
          (v128.const i32x4 0 0 0 0) (v128.load32_zero (i32.add (local.get $m) (i32.shl (local.get $j) (i32.const 1)))))))
        (local.set $e (f64x2.add
          (f64x2.promote_low_f32x4 (i8x16.shuffle 0 1 16 17 2 3 18 19 0 1 16 17 2 3 18 19
            (v128.const i32x4 0 0 0 0) (v128.load32_zero (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 1))))))
          (v128.load (i32.add (local.get $delta) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $finite (v128.and (local.get $finite) (v128.and
          (f64x2.lt (f64x2.abs (local.get $md)) (v128.const f64x2 inf inf))
          (f64x2.lt (f64x2.abs (local.get $e)) (v128.const f64x2 inf inf)))))
        (local.set $err (f64x2.abs (f64x2.sub (local.get $md) (local.get $e))))
        (local.set $bad (f64x2.gt (local.get $err)
          (f64x2.add
            (f64x2.pmax (f64x2.mul (f64x2.pmax (f64x2.abs (local.get $md)) (f64x2.abs (local.get $e))) (local.get $relV)) (local.get $tinyV))
            (f64x2.mul (local.get $tolV) (v128.load (i32.add (local.get $colNorms) (i32.shl (local.get $j) (i32.const 3))))))))
        (local.set $count (i64x2.sub (local.get $count) (local.get $bad)))
        (if (i32.and (v128.any_true (local.get $bad)) (i32.lt_s (local.get $first) (i32.const 0)))
          (then (local.set $first (select (local.get $j) (i32.add (local.get $j) (i32.const 1))
            (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $bad)))))))
        (local.set $maxV (f64x2.pmax (local.get $maxV) (local.get $err)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $pair)))
    (if (i32.eqz (i64x2.all_true (local.get $finite))) (then (return (i32.const 1))))
    (local.set $maxErr (f64.max (f64x2.extract_lane 0 (local.get $maxV)) (f64x2.extract_lane 1 (local.get $maxV))))
    (local.set $mism (i32.wrap_i64 (i64.add (i64x2.extract_lane 0 (local.get $count)) (i64x2.extract_lane 1 (local.get $count)))))
    ;; an odd last element
    (if (i32.lt_u (local.get $j) (local.get $cols))
      (then
        (local.set $mds (f64.promote_f32 (f32.reinterpret_i32 (i32.shl
          (i32.load16_u (i32.add (local.get $m) (i32.shl (local.get $j) (i32.const 1)))) (i32.const 16)))))
        (local.set $es (f64.add
          (f64.promote_f32 (f32.reinterpret_i32 (i32.shl
            (i32.load16_u (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 1)))) (i32.const 16))))
          (f64.load (i32.add (local.get $delta) (i32.shl (local.get $j) (i32.const 3))))))
        (if (i32.eqz (i32.and (f64.lt (f64.abs (local.get $mds)) (f64.const inf)) (f64.lt (f64.abs (local.get $es)) (f64.const inf))))
          (then (return (i32.const 1))))
        (local.set $errs (f64.abs (f64.sub (local.get $mds) (local.get $es))))
        (if (f64.gt (local.get $errs)
              (f64.add
                (f64.max (f64.mul (f64.max (f64.abs (local.get $mds)) (f64.abs (local.get $es))) (local.get $rel)) (local.get $tiny))
                (f64.mul (local.get $updateTol) (f64.load (i32.add (local.get $colNorms) (i32.shl (local.get $j) (i32.const 3)))))))
          (then
            (local.set $mism (i32.add (local.get $mism) (i32.const 1)))
            (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (local.get $j))))))
        (if (f64.gt (local.get $errs) (local.get $maxErr)) (then (local.set $maxErr (local.get $errs))))))
    (f64.store (local.get $out) (local.get $maxErr))
    (i32.store offset=8 (local.get $out) (local.get $mism))
    (i32.store offset=12 (local.get $out) (local.get $first))
    (i32.const 0))

  (func (export "round_delta_bf16") (param $delta i32) (param $cols i32) (param $w i32) (param $out i32) (result i32)
    (call $round_delta_bf16 (local.get $delta) (local.get $cols) (local.get $w) (local.get $out)))

  ;; out[j] = ‖X[:, j]‖₂ for X (r x n) at x. Row by row (k outer): each column's squares still add in
  ;; order of k, but every read is sequential; reading down a column strides n·8 bytes, often a power of
  ;; two, and kept evicting its own lines from the cache.
  (func (export "col_norms") (param $x i32) (param $r i32) (param $n i32) (param $out i32)
    (local $j i32) (local $k i32) (local $row i32) (local $at i32) (local $v v128) (local $e f64)
    (local $pairs i32)
    (local.set $pairs (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (call $fill_zero (local.get $out) (local.get $n))
    (block $kdone
      (loop $term
        (br_if $kdone (i32.ge_u (local.get $k) (local.get $r)))
        (local.set $row (i32.add (local.get $x) (i32.shl (i32.mul (local.get $k) (local.get $n)) (i32.const 3))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $pair
            (br_if $jdone (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $at (i32.add (local.get $out) (local.get $j)))
            (local.set $v (v128.load (i32.add (local.get $row) (local.get $j))))
            (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (f64x2.mul (local.get $v) (local.get $v))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $pair)))
        (if (i32.and (local.get $n) (i32.const 1))
          (then
            (local.set $at (i32.add (local.get $out) (local.get $pairs)))
            (local.set $e (f64.load (i32.add (local.get $row) (local.get $pairs))))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.mul (local.get $e) (local.get $e))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $term)))
    (call $sqrt_all (local.get $out) (local.get $n)))

  ;; n f64 at p set to 0.
  (func $fill_zero (param $p i32) (param $n i32)
    (memory.fill (local.get $p) (i32.const 0) (i32.shl (local.get $n) (i32.const 3))))

  ;; n f64 at p replaced by their square roots.
  (func $sqrt_all (param $p i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p) (f64x2.sqrt (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $p) (f64.sqrt (f64.load (local.get $p)))))))

  ;; For Lᵀ (r x n) at lt and ‖R[k, :]‖ at rn: norms[o] = ‖L[o, :]‖₂ and dots[o] = Σ_k |L[o, k]|·‖R[k, :]‖,
  ;; each sum in order of k; row by row of Lᵀ, as col_norms, so every read is sequential.
  (func (export "row_bounds") (param $lt i32) (param $r i32) (param $n i32) (param $rn i32) (param $norms i32)
    (param $dots i32)
    (local $o i32) (local $k i32) (local $row i32) (local $v v128) (local $s v128) (local $sn f64) (local $e f64)
    (local $pairs i32) (local $at i32) (local $dt i32)
    (local.set $pairs (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (call $fill_zero (local.get $norms) (local.get $n))
    (call $fill_zero (local.get $dots) (local.get $n))
    (block $kdone
      (loop $term
        (br_if $kdone (i32.ge_u (local.get $k) (local.get $r)))
        (local.set $row (i32.add (local.get $lt) (i32.shl (i32.mul (local.get $k) (local.get $n)) (i32.const 3))))
        (local.set $sn (f64.load (i32.add (local.get $rn) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $s (f64x2.splat (local.get $sn)))
        (local.set $o (i32.const 0))
        (block $odone
          (loop $pair
            (br_if $odone (i32.ge_u (local.get $o) (local.get $pairs)))
            (local.set $v (v128.load (i32.add (local.get $row) (local.get $o))))
            (local.set $at (i32.add (local.get $norms) (local.get $o)))
            (local.set $dt (i32.add (local.get $dots) (local.get $o)))
            (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (f64x2.mul (local.get $v) (local.get $v))))
            (v128.store (local.get $dt) (f64x2.add (v128.load (local.get $dt)) (f64x2.mul (f64x2.abs (local.get $v)) (local.get $s))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $pair)))
        (if (i32.and (local.get $n) (i32.const 1))
          (then
            (local.set $e (f64.load (i32.add (local.get $row) (local.get $pairs))))
            (local.set $at (i32.add (local.get $norms) (local.get $pairs)))
            (local.set $dt (i32.add (local.get $dots) (local.get $pairs)))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.mul (local.get $e) (local.get $e))))
            (f64.store (local.get $dt) (f64.add (f64.load (local.get $dt)) (f64.mul (f64.abs (local.get $e)) (local.get $sn))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $term)))
    (call $sqrt_all (local.get $norms) (local.get $n)))

  ;; update_row for two rows with the same terms (ks already row addresses): l0 and l1 their scaled
  ;; factors; each load of R serves both rows. 8 columns per block, then one by one.
  (func (export "update_rows2") (param $l0 i32) (param $l1 i32) (param $ks i32) (param $terms i32)
    (param $cols i32) (param $out0 i32) (param $out1 i32)
    (local $j i32) (local $t i32) (local $p i32) (local $q i32) (local $u v128) (local $v v128) (local $r v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $s f64) (local $z f64) (local $e f64)
    (block $vdone
      (loop $block8
        (br_if $vdone (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $cols)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $b0 (v128.const f64x2 0 0))
        (local.set $b1 (v128.const f64x2 0 0))
        (local.set $b2 (v128.const f64x2 0 0))
        (local.set $b3 (v128.const f64x2 0 0))
        (local.set $t (i32.const 0))
        (block $tdone
          (loop $term
            (br_if $tdone (i32.ge_u (local.get $t) (local.get $terms)))
            (local.set $u (f64x2.splat (f64.load (i32.add (local.get $l0) (i32.shl (local.get $t) (i32.const 3))))))
            (local.set $v (f64x2.splat (f64.load (i32.add (local.get $l1) (i32.shl (local.get $t) (i32.const 3))))))
            (local.set $p (i32.add (i32.load (i32.add (local.get $ks) (i32.shl (local.get $t) (i32.const 2))))
              (i32.shl (local.get $j) (i32.const 3))))
            (local.set $r (v128.load (local.get $p)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $u) (local.get $r))))
            (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $v) (local.get $r))))
            (local.set $r (v128.load offset=16 (local.get $p)))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $u) (local.get $r))))
            (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $v) (local.get $r))))
            (local.set $r (v128.load offset=32 (local.get $p)))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $u) (local.get $r))))
            (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $v) (local.get $r))))
            (local.set $r (v128.load offset=48 (local.get $p)))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $u) (local.get $r))))
            (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $v) (local.get $r))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $term)))
        (local.set $q (i32.add (local.get $out0) (i32.shl (local.get $j) (i32.const 3))))
        (v128.store (local.get $q) (local.get $a0))
        (v128.store offset=16 (local.get $q) (local.get $a1))
        (v128.store offset=32 (local.get $q) (local.get $a2))
        (v128.store offset=48 (local.get $q) (local.get $a3))
        (local.set $q (i32.add (local.get $out1) (i32.shl (local.get $j) (i32.const 3))))
        (v128.store (local.get $q) (local.get $b0))
        (v128.store offset=16 (local.get $q) (local.get $b1))
        (v128.store offset=32 (local.get $q) (local.get $b2))
        (v128.store offset=48 (local.get $q) (local.get $b3))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $block8)))
    (block $done
      (loop $col
        (br_if $done (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $s (f64.const 0))
        (local.set $z (f64.const 0))
        (local.set $t (i32.const 0))
        (block $tdone1
          (loop $term1
            (br_if $tdone1 (i32.ge_u (local.get $t) (local.get $terms)))
            (local.set $e (f64.load (i32.add (i32.load (i32.add (local.get $ks) (i32.shl (local.get $t) (i32.const 2))))
              (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (i32.add (local.get $l0) (i32.shl (local.get $t) (i32.const 3)))) (local.get $e))))
            (local.set $z (f64.add (local.get $z) (f64.mul (f64.load (i32.add (local.get $l1) (i32.shl (local.get $t) (i32.const 3)))) (local.get $e))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $term1)))
        (f64.store (i32.add (local.get $out0) (i32.shl (local.get $j) (i32.const 3))) (local.get $s))
        (f64.store (i32.add (local.get $out1) (i32.shl (local.get $j) (i32.const 3))) (local.get $z))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $col))))
)
