export const TOOL_NAME = 'adapter-lint';
export const TOOL_VERSION = '0.1.0';
