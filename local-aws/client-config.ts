/** SDK v3 client configuration pointing at a loopback server, with static dummy credentials. */
export interface LoopbackClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
}

/** `new IAMClient(clientConfig(server, 'us-east-1'))`. `maxAttempts` defaults to 1 so faults surface at once. */
export function clientConfig(
  server: { readonly endpoint: string },
  region = 'us-east-1',
  maxAttempts = 1,
): LoopbackClientConfig {
  return {
    endpoint: server.endpoint,
    region,
    credentials: { accessKeyId: 'AKIDLOOPBACKTEST0001', secretAccessKey: 'loopback-secret' },
    maxAttempts,
  };
}
