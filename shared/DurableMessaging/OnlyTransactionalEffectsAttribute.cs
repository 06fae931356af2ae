namespace Platform.DurableMessaging;

/// <summary>
/// Declares that everything a consumer does happens inside the consumer outbox's transaction: it reads and writes its
/// service's DbContext and publishes, sends or schedules through the consume context, and calls nothing outside (no HTTP,
/// no files, no other database). The outbox may then run it for a copy of a message seen before and roll its work back,
/// so the inbox claim travels with the consumer's last save instead of costing a round trip of its own before the
/// consumer runs (docs/durable-messaging.md, "A consumer with only transactional effects claims with its save").
/// </summary>
/// <remarks>
/// Leave it off a consumer that calls the world: a copy would call it again before being recognised. Without the
/// attribute the claim comes first and a copy never reaches the consumer's code. A copy runs against the state its
/// original left, so the consumer must also not fail because its message was already applied (throw when a row it
/// would insert exists, say): a failure other than a unique-key conflict or a deadlock is the consumer's own and goes to
/// retry and <c>_error</c> before the copy can be recognised. What no transaction holds, its logs and metrics, is
/// written again for a copy, as for any retried attempt.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OnlyTransactionalEffectsAttribute : Attribute;
