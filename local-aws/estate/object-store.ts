/** The S3 objects the loopback server holds (the organization run's data), keyed by bucket and key. */
export class ObjectStore {
  private readonly objects = new Map<string, string>();

  put(bucket: string, key: string, body: string): void {
    this.objects.set(`${bucket}/${key}`, body);
  }

  get(bucket: string, key: string): string | undefined {
    return this.objects.get(`${bucket}/${key}`);
  }

  /** Keys under a prefix in one bucket, sorted. */
  keys(bucket: string, prefix = ''): string[] {
    const start = `${bucket}/${prefix}`;
    return [...this.objects.keys()]
      .filter((k) => k.startsWith(start))
      .map((k) => k.slice(bucket.length + 1))
      .sort();
  }

  get size(): number {
    return this.objects.size;
  }
}
