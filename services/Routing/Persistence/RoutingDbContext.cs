using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging;
using Platform.Routing.Agents;
using Platform.Routing.Bots;
using Platform.Routing.Conversations;
using Platform.Routing.Queues;
using Platform.Routing.Rules;
using Platform.Routing.Transcripts;

namespace Platform.Routing.Persistence;

/// <summary>The routing service's own database; no other service reads it.</summary>
public sealed class RoutingDbContext(DbContextOptions<RoutingDbContext> options) : DbContext(options)
{
    public DbSet<ConversationState> Conversations => Set<ConversationState>();
    public DbSet<ConversationThread> Threads => Set<ConversationThread>();
    public DbSet<TranscriptEntry> Transcript => Set<TranscriptEntry>();
    public DbSet<PendingMessageFact> PendingFacts => Set<PendingMessageFact>();
    public DbSet<PublishedMedia> PublishedMedia => Set<PublishedMedia>();
    public DbSet<RoutingRule> Rules => Set<RoutingRule>();
    public DbSet<Bot> Bots => Set<Bot>();
    public DbSet<AgentQueue> Queues => Set<AgentQueue>();
    public DbSet<Agent> Agents => Set<Agent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema("routing");
        modelBuilder.AddDurableMessaging();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RoutingDbContext).Assembly);
    }
}
