// Tests run on the repo's Node (20); the Lambda runs on a current runtime. Keep test output readable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
