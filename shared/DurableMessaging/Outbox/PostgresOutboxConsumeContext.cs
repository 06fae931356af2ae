using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// The consume context a consumer or saga sees inside the outbox: its publishes, sends, responses and schedules are kept
/// here and written as <see cref="OutboxMessage"/> rows by <see cref="SetConsumed"/>, in the same SaveChanges as the
/// consumer's own changes and the inbox row's new state. Nothing is attached to the DbContext before that moment, so a
/// consumer that clears its change tracker (the usual EF recovery) loses neither the inbox update nor its messages.
/// </summary>
/// <remarks>
/// Right after the consuming transaction commits, the factory delivers the messages written here from memory
/// (<see cref="LeaveTransaction"/>) and records the delivery with one statement; a message found consumed but not
/// delivered (a crash, a failed send) is delivered from the database under the inbox row's lock instead.
/// </remarks>
internal sealed class PostgresOutboxConsumeContext<TDbContext, TMessage>(
    ConsumeContext<TMessage> context,
    OutboxConsumeOptions options,
    IServiceProvider provider,
    TDbContext db,
    InboxStatements statements,
    InboxClaimRequest request,
    InboxClaim? claim,
    InboxClaimTiming timing,
    DurableMessagingMetrics metrics,
    TimeProvider time)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider), IOutboxTransactionContext
    where TDbContext : DbContext
    where TMessage : class
{
    private readonly Lock _addLock = new();
    private readonly List<OutboxMessage> _written = [];
    private bool _inTransaction = true;
    private InboxClaim? _claim = claim;

    public override Guid? MessageId => request.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    // A row inserted by this transaction's claim is marked consumed only so that it commits that way; the consumer has
    // not run yet. A pending claim is taken to be new: a saga only gets past its first statement, and a consumer's work
    // only commits, if it is.
    public override bool IsMessageConsumed => (Consumed.HasValue && _claim is { IsNew: false }) || ConsumedNow;

    public override bool IsOutboxDelivered => Delivered.HasValue;

    public override int ReceiveCount => _claim?.ReceiveCount ?? 1;

    public override long? LastSequenceNumber => LastSequence;

    /// <summary>True once the consumer ran in this context and its effects were saved.</summary>
    public bool ConsumedNow { get; private set; }

    /// <summary>True while the inbox row's transaction is open; the saga repository joins it then.</summary>
    public bool InTransaction => _inTransaction;

    public bool ClaimPending => _claim is null;

    /// <summary>
    /// Set when the pending claim found the message's row already there (a copy seen before), or a save that carried the
    /// claim failed in a way a copy running at the same time would cause: nothing of the step may commit (a saga did not
    /// run; a consumer's work is undone), and it must be done again with the claim first, which tells the cases apart.
    /// </summary>
    public string? RedoReason { get; private set; }

    private InboxClaim Inbox => _claim ?? throw new InvalidOperationException("The inbox row has not been claimed yet.");

    private DateTime? Consumed { get; set; } = claim?.Consumed;

    private DateTime? Delivered { get; set; } = DeliveredOf(claim);

    private long? LastSequence { get; set; } = claim?.LastSequenceNumber;

    /// <summary>The inbox state as a comparable value, to prove that every step moves the message forward.</summary>
    public (bool Consumed, bool Delivered, long? LastSequence, bool Continue) Progress =>
        (IsMessageConsumed, IsOutboxDelivered, LastSequence, ContinueProcessing);

    /// <summary>Runs the pending claim, with <paramref name="then"/> in its round trip; false when it found a copy seen before.</summary>
    public async Task<bool> Claim(FollowingStatement? then, CancellationToken cancellationToken)
    {
        if (_claim is not null)
        {
            throw new InvalidOperationException("The inbox row is already claimed.");
        }

        var claim = await statements.Claim(db, request, then, cancellationToken);
        _claim = claim;
        Consumed = claim.Consumed;
        Delivered = DeliveredOf(claim);
        LastSequence = claim.LastSequenceNumber;
        if (!claim.IsNew)
        {
            RedoReason = "the claim sent with the saga's first statement found a copy of a message seen before";
        }

        return claim.IsNew;
    }

    // A row this claim inserted says "delivered" only so that it commits that way when the consumer sends nothing.
    private static DateTime? DeliveredOf(InboxClaim? claim) => claim is { IsNew: false } ? claim.Delivered : null;

    public override async Task SetConsumed()
    {
        if (ClaimPending && timing == InboxClaimTiming.WithLastSave)
        {
            await ClaimWithSave();
            return;
        }

        if (ClaimPending)
        {
            await Claim(null, CancellationToken); // no saga statement took it along
        }

        if (RedoReason is not null)
        {
            return; // the consumer did not run: nothing of this step may commit (the factory rolls it back)
        }

        var claim = Inbox;
        var written = Written();
        var now = time.GetUtcNow().UtcDateTime;
        var delivered = written.Count == 0 ? now : (DateTime?)null;
        if (!claim.IsNew || delivered is null)
        {
            // The claim inserted "consumed and delivered"; anything else is one UPDATE in the same batch as the effects.
            var row = new InboxState { Id = claim.Id, MessageId = claim.MessageId, ConsumerId = claim.ConsumerId };
            db.Attach(row);
            row.Consumed = claim.IsNew ? claim.Consumed : now;
            row.Delivered = delivered;
            db.Entry(row).Property(x => x.Consumed).IsModified = true;
            db.Entry(row).Property(x => x.Delivered).IsModified = true;
            DurableTransaction.Locked(db, row); // the claim's upsert locked it
        }

        db.Set<OutboxMessage>().AddRange(written);
        // The consume step's last write: nothing follows it before the commit (OutboxMessagePipe returns after
        // SetConsumed), so the commit can travel with it.
        await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken);
        Consumed = now;
        Delivered = delivered;
        ConsumedNow = true;
    }

    /// <summary>
    /// The claim of a consumer with only transactional effects: its inbox row is inserted in the same batch as its effects
    /// and outgoing messages, with the commit. A copy of a message seen before fails that insert on the row's unique key.
    /// A copy running at the same time as its original may instead fail first on the consumer's own unique key, or be
    /// chosen as a deadlock's victim (it took the consumer's locks before the inbox row). In all three cases the
    /// consumer's work is rolled back and the factory does the step again, claiming first: a copy is then recognised, and a
    /// genuine failure of the consumer fails again and surfaces as usual.
    /// </summary>
    private async Task ClaimWithSave()
    {
        var written = Written();
        var now = time.GetUtcNow().UtcDateTime;
        var delivered = written.Count == 0 ? now : (DateTime?)null;
        var row = new InboxState
        {
            MessageId = request.MessageId,
            ConsumerId = request.ConsumerId,
            LockId = NewId.NextGuid(),
            Received = request.Now,
            ReceiveCount = 1,
            ExpirationTime = request.ExpirationTime,
            Consumed = now,
            Delivered = delivered,
        };
        db.Add(row);
        db.Set<OutboxMessage>().AddRange(written);
        try
        {
            await DurableTransaction.SaveChangesAndCommitAsync(db, CancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected,
        } conflict)
        {
            // Handled here, not thrown: OutboxMessagePipe would report a fault for what is most likely a copy.
            RedoReason = $"the save that carried the claim failed with {conflict.SqlState} on {conflict.ConstraintName ?? conflict.TableName ?? "a lock"}";
            return;
        }

        _claim = new InboxClaim(request.MessageId, request.ConsumerId, row.Id, row.ReceiveCount, IsNew: true, now, delivered, LastSequenceNumber: null);
        Consumed = now;
        Delivered = delivered;
        ConsumedNow = true;
    }

    private List<OutboxMessage> Written()
    {
        lock (_addLock)
        {
            return [.. _written];
        }
    }

    public override Task SetDelivered()
    {
        Delivered = time.GetUtcNow().UtcDateTime;
        return Task.CompletedTask;
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var last = LastSequence ?? 0;
        List<OutboxMessage> rows;
        if (ConsumedNow)
        {
            lock (_addLock)
            {
                rows = [.. _written.Where(x => x.SequenceNumber > last).OrderBy(x => x.SequenceNumber).Take(Options.MessageDeliveryLimit + 1)];
            }
        }
        else
        {
            rows = await db.Set<OutboxMessage>()
                .Where(x => x.InboxMessageId == request.MessageId && x.InboxConsumerId == ConsumerId && x.SequenceNumber > last)
                .OrderBy(x => x.SequenceNumber)
                .Take(Options.MessageDeliveryLimit + 1)
                .AsNoTracking()
                .ToListAsync(CancellationToken);
        }

        foreach (var row in rows)
        {
            row.Deserialize(SerializerContext);
        }

        return [.. rows];
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        LastSequence = message.SequenceNumber;
        if (message.SentTime is { } sent)
        {
            metrics.OutboxDeliveryLag.Record(Math.Max(0, (time.GetUtcNow().UtcDateTime - sent).TotalSeconds));
        }

        return Task.CompletedTask;
    }

    /// <summary>Deletes the delivered rows and records the delivery: one statement, or none when nothing was written.</summary>
    public override Task RemoveOutboxMessages()
    {
        if (ConsumedNow && _written.Count == 0)
        {
            return Task.CompletedTask;
        }

        return statements.Cleanup(db, Inbox, Delivered, LastSequence, CancellationToken);
    }

    /// <summary>Records delivery progress made under the lock (a partial batch of a long outbox).</summary>
    public Task SaveProgress() => statements.RecordProgress(db, Inbox, Delivered, LastSequence, CancellationToken);

    /// <summary>The consuming transaction committed: what follows (delivery from memory) runs without the row lock.</summary>
    public void LeaveTransaction() => _inTransaction = false;

    public override Task AddSend<T>(SendContext<T> context)
    {
        var row = OutboxMessageFactory.Create(context, SerializerContext, time);
        row.InboxMessageId = request.MessageId;
        row.InboxConsumerId = ConsumerId;

        // A consumer may publish from several tasks at once.
        lock (_addLock)
        {
            _written.Add(row);
        }

        return Task.CompletedTask;
    }
}
