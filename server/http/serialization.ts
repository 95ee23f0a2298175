import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Build = ReturnType<ReturnType<typeof SerializerSelector>>;

/**
 * Fastify's own response serializers (fast-json-stringify, the same output and the same fields
 * dropped), each compiled on its route's first answer instead of all at start-up: compiling the
 * serializers of every route took about a third of a second of each start, for routes a given
 * instance may never answer.
 */
export function lazySerializers(
  ...args: Parameters<ReturnType<typeof SerializerSelector>>
): (route: Parameters<Build>[0]) => (data: unknown) => string {
  const build = SerializerSelector()(...args);
  return (route) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data) => {
      serialize ??= build(route) as (data: unknown) => string;
      return serialize(data);
    };
  };
}
