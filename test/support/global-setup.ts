// Placeholder until the stack script lands: integration tests bring the stack up here.
export default async function globalSetup(): Promise<void> {}
