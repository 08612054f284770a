import type { Connection, InferSchemaType, Model, Schema } from 'mongoose';

/**
 * One model per connection: tests and processes hold several connections, each with its own models.
 * The document type is inferred from the schema (an untyped model makes tsc's query types explode).
 */
export function modelFor<S extends Schema>(connection: Connection, name: string, schema: S): Model<InferSchemaType<S>> {
  return (connection.models[name] as Model<InferSchemaType<S>> | undefined) ?? connection.model<InferSchemaType<S>>(name, schema);
}
