#pragma warning disable EF1001 // Npgsql's modification command batch is EF's "pubternal" API: extended, not copied.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

namespace Platform.DurableMessaging;

/// <summary>
/// Npgsql's batch factory, except that the last batch of a <c>SaveChanges</c> that <see cref="DurableTransaction"/> asked
/// to commit ends with <c>COMMIT</c>: the save and the commit share one round trip (docs/durable-messaging.md,
/// "Transactions"). Registered by <see cref="ServiceDatabaseExtensions.AddServiceDbContext{TDbContext}"/>; a DbContext
/// configured without it simply commits in a round trip of its own.
/// </summary>
/// <remarks>
/// PostgreSQL runs a batch's statements in order and skips the rest after an error, so a failed insert or update leaves
/// the transaction failed and uncommitted, as before. What the server cannot see is a row count EF checks afterwards (an
/// update that matched no row): <see cref="DurableTransaction.SaveChangesAndCommitAsync"/> therefore asks for the commit only
/// when every updated or deleted row is one the transaction holds locked.
/// </remarks>
internal sealed class CommitWithLastBatchFactory(ModificationCommandBatchFactoryDependencies dependencies, IDbContextOptions options)
    : IModificationCommandBatchFactory
{
    private const int DefaultMaxBatchSize = 1000; // Npgsql's own default

    private readonly int _maxBatchSize = options.FindExtension<NpgsqlOptionsExtension>()?.MaxBatchSize ?? DefaultMaxBatchSize;

    public ModificationCommandBatch Create() => new CommitWithLastBatch(dependencies, _maxBatchSize);

    private sealed class CommitWithLastBatch(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize)
        : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
    {
        public override void Complete(bool moreBatchesExpected)
        {
            // EF completes every batch of a SaveChanges before running it and says whether another follows: only the last
            // one may commit, or the batches after it would run outside the transaction.
            if (!moreBatchesExpected && DurableTransaction.TakeCommit(Dependencies.CurrentContext.Context))
            {
                SqlBuilder.AppendLine("COMMIT;");
            }

            base.Complete(moreBatchesExpected);
        }
    }
}
