// The seam between durable messaging and MassTransit's internals (docs/durable-messaging.md, "The MassTransit seam").
//
// MassTransit's own inbox/outbox, saga repository and scheduler for a database ship as MassTransit.EntityFrameworkCore
// and friends, which the package registry this platform builds from does not serve. So this assembly implements the
// extension points those packages implement: the outbox context factory and consume context, the scoped bus context,
// the saga repository context, the serialized-message send pipe. They live outside MassTransit's root namespace: public,
// but MassTransit's machinery rather than its API, and free to change in a patch release.
//
// Every such namespace is imported here and nowhere else, and MassTransitSeam.Types below lists every type of them this
// assembly references, with what for. A test reads the compiled assembly and fails when the two differ, so a MassTransit
// update starts by reading this file, and a new dependency on an internal is a decision someone wrote down.
global using MassTransit.Clients;
global using MassTransit.Configuration;
global using MassTransit.Context;
global using MassTransit.DependencyInjection;
global using MassTransit.Metadata;
global using MassTransit.Middleware;
global using MassTransit.Middleware.Outbox;
global using MassTransit.Saga;
global using MassTransit.Scheduling;
global using MassTransit.Serialization;
global using MassTransit.Transports;

namespace Platform.DurableMessaging;

/// <summary>The MassTransit types outside its root namespace that durable messaging depends on, and why.</summary>
internal static class MassTransitSeam
{
    /// <summary>Full metadata names (<c>Namespace.Name`arity</c>) and what each is used for.</summary>
    public static IReadOnlyDictionary<string, string> Types { get; } = new Dictionary<string, string>
    {
        ["MassTransit.Clients.ClientFactory"] = "request clients of the bus-outbox scope",
        ["MassTransit.Clients.ScopedClientFactory"] = "request clients of the bus-outbox scope",
        ["MassTransit.Configuration.IConsumerRegistration"] = "finds the registered consumers marked OnlyTransactionalEffects",
        ["MassTransit.Configuration.IRegistration"] = "the registered consumer's type, read for OnlyTransactionalEffects",
        ["MassTransit.Configuration.ISagaRepositoryRegistrationProvider"] = "registers the PostgreSQL saga repository for every saga",
        ["MassTransit.Configuration.OutboxConsumePipeSpecificationObserver`1"] = "puts the outbox filter on each consumer and saga of an endpoint",
        ["MassTransit.Configuration.RegistrationServiceCollectionExtensions"] = "TryAdd/Replace registrations on the bus configurator",
        ["MassTransit.Context.BaseConsumeContext"] = "base of the outbox consume context (through OutboxConsumeContextProxy)",
        ["MassTransit.Context.ConsumeContextScope`1"] = "the saga consume context wraps the message's consume context",
        ["MassTransit.Context.MessageSendContext`1"] = "the envelope is captured from a send context",
        ["MassTransit.Context.TransportReceiveContext"] = "the envelope reads transport headers of a received message",
        ["MassTransit.Context.TransportSendContext"] = "the envelope keeps transport properties (e.g. RabbitMQ's) of a send",
        ["MassTransit.Context.TransportSendContext`1"] = "the envelope keeps transport properties (e.g. RabbitMQ's) of a send",
        ["MassTransit.DependencyInjection.Bind`2"] = "the bus-outbox scope resolves the bus's own client factory and consume-context provider",
        ["MassTransit.DependencyInjection.ConsumeContextScopedBusContext"] = "inside a consumer, the scoped bus is the consume context",
        ["MassTransit.DependencyInjection.IScopedBusContextProvider`1"] = "replaced so that code outside consumers writes to the bus outbox",
        ["MassTransit.DependencyInjection.IScopedConsumeContextProvider"] = "tells whether a scope belongs to a consumer",
        ["MassTransit.DependencyInjection.ScopedBusContext"] = "base of the bus-outbox scope",
        ["MassTransit.DependencyInjection.ScopedClientFactoryContext"] = "request clients of the bus-outbox scope",
        ["MassTransit.Metadata.HostMetadataCache"] = "host headers of a stored outgoing message",
        ["MassTransit.Middleware.BasePipeContext"] = "base of the saga repository context",
        ["MassTransit.Middleware.IOutboxContextFactory`1"] = "the extension point of the consumer outbox: one transaction per consumed message",
        ["MassTransit.Middleware.Outbox.OutboxConsumeContextProxy`1"] = "base of the consume context a consumer sees inside the outbox",
        ["MassTransit.Middleware.Outbox.OutboxPublishEndpointProvider"] = "publishes of the bus-outbox scope become rows",
        ["MassTransit.Middleware.Outbox.OutboxSendEndpointProvider"] = "sends of the bus-outbox scope become rows",
        ["MassTransit.Middleware.OutboxConsumeContext`1"] = "the consume context the outbox pipe drives",
        ["MassTransit.Middleware.OutboxConsumeOptions"] = "consumer id and delivery limit of the consumer outbox",
        ["MassTransit.Middleware.OutboxMessageContext"] = "a stored outgoing message as the outbox pipe delivers it",
        ["MassTransit.Middleware.OutboxMessageSendPipe"] = "sends a stored message again exactly as it was captured",
        ["MassTransit.Middleware.OutboxSendContext"] = "the bus-outbox scope receives the sends it stores",
        ["MassTransit.Saga.DefaultSagaRepositoryQueryContext`1"] = "query results of the saga repository",
        ["MassTransit.Saga.ILoadSagaRepositoryContextFactory`1"] = "loads saga instances outside a message (e.g. an API reading a saga)",
        ["MassTransit.Saga.IQuerySagaRepositoryContextFactory`1"] = "queries saga instances outside a message",
        ["MassTransit.Saga.ISagaConsumeContextFactory`1"] = "creates the consume context of a loaded saga instance",
        ["MassTransit.Saga.ISagaConsumeContextFactory`2"] = "creates the consume context of a loaded saga instance",
        ["MassTransit.Saga.ISagaRepositoryContextFactory`1"] = "the extension point of a saga repository: the database side of one message",
        ["MassTransit.Saga.LoadedSagaRepositoryQueryContext`2"] = "a correlated query's locked instances",
        ["MassTransit.Saga.LoadSagaRepositoryContext`1"] = "loads saga instances outside a message",
        ["MassTransit.Saga.QuerySagaRepositoryContext`1"] = "queries saga instances outside a message",
        ["MassTransit.Saga.SagaConsumeContextFactory`2"] = "MassTransit's factory for the saga consume context",
        ["MassTransit.Saga.SagaConsumeContextMode"] = "whether a saga instance is inserted, loaded or deleted",
        ["MassTransit.Saga.SagaRepositoryContext`2"] = "base of the saga repository context of one message",
        ["MassTransit.Saga.SagaRepositoryQueryContext`1"] = "a correlated query's results",
        ["MassTransit.Saga.SagaRepositoryQueryContext`2"] = "a correlated query's results",
        ["MassTransit.Scheduling.CancelScheduledMessage"] = "the scheduler's cancel command, consumed by the durable scheduler",
        ["MassTransit.Scheduling.ScheduleMessage"] = "the scheduler's schedule command, consumed by the durable scheduler",
        ["MassTransit.Serialization.DictionarySendHeaders"] = "headers of a stored outgoing message",
        ["MassTransit.Serialization.EmptyHeaders"] = "a stored outgoing message without headers",
        ["MassTransit.Serialization.SerializedMessageBody"] = "sends a stored body without serializing it again",
        ["MassTransit.Serialization.SystemTextJsonMessageSerializer"] = "reads a stored body and headers back",
        ["MassTransit.Transports.PublishEndpoint"] = "publishes of the bus-outbox scope",
    };
}
