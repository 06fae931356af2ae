using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging;
using Platform.DurableMessaging.Outbox;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>The inbox's hand-written statements, against each other, on a real database.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class InboxStatementsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    /// <summary>
    /// Two copies of one message: the first committed its effects and is recording its delivery (from memory, without
    /// the row lock) while the second holds the inbox row's lock and delivers the same rows from the database. Their
    /// statements must take the locks in the same order (inbox row, then outgoing rows), or each waits for the other
    /// and PostgreSQL aborts one of them with 40P01, which the end-to-end runs logged by the dozen.
    /// </summary>
    [Fact]
    public async Task Recording_a_delivery_while_a_copy_holds_the_inbox_row_waits_for_it_instead_of_deadlocking()
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        var (messageId, consumerId) = (NewId.NextGuid(), NewId.NextGuid());
        await SeedConsumedButUndelivered(database, messageId, consumerId, outgoing: 2);

        await using var copy = DurableTestDbContext.Open(database);
        await using var first = DurableTestDbContext.Open(database);
        var statements = InboxStatements.For(copy);
        var copyClaimed = new TaskCompletionSource<InboxClaim>();
        var copyMayFinish = new TaskCompletionSource();
        var copyRun = DurableTransaction.RunAsync(copy, async () =>
        {
            var claim = await statements.Claim(copy, new InboxClaimRequest(messageId, consumerId, DateTime.UtcNow, null), CancellationToken.None);
            copyClaimed.SetResult(claim);
            await copyMayFinish.Task;
            // ... its messages were sent from the database under the lock; now it records that.
            await statements.Cleanup(copy, claim, DateTime.UtcNow, claim.LastSequenceNumber, CancellationToken.None);
        }, CancellationToken.None);
        var claim = await copyClaimed.Task;
        Assert.False(claim.IsNew);

        var firstRecord = statements.Cleanup(first, claim, DateTime.UtcNow, null, CancellationToken.None);
        await LockWaits.UntilSomeoneWaits(database);
        copyMayFinish.SetResult();

        await copyRun;
        await firstRecord;
        await using var check = DurableTestDbContext.Open(database);
        Assert.NotNull((await check.Set<InboxState>().SingleAsync(x => x.MessageId == messageId)).Delivered);
        Assert.Equal(0, await check.Set<OutboxMessage>().CountAsync(x => x.InboxMessageId == messageId));
    }

    private static async Task SeedConsumedButUndelivered(string database, Guid messageId, Guid consumerId, int outgoing)
    {
        await using var db = DurableTestDbContext.Open(database);
        var now = DateTime.UtcNow;
        db.Add(new InboxState
        {
            MessageId = messageId,
            ConsumerId = consumerId,
            LockId = NewId.NextGuid(),
            Received = now,
            ReceiveCount = 1,
            Consumed = now,
        });
        for (var i = 0; i < outgoing; i++)
        {
            db.Add(new OutboxMessage
            {
                InboxMessageId = messageId,
                InboxConsumerId = consumerId,
                SentTime = now,
                DestinationAddress = new Uri("queue:somewhere"),
                Envelope = new MessageEnvelope { MessageId = NewId.NextGuid(), ContentType = "application/json", MessageType = "urn:message:x", Body = "{}" },
            });
        }

        await db.SaveChangesAsync();
    }
}
