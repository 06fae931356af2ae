using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Routing.Agents;
using Platform.Routing.Live;
using Platform.Routing.Persistence;
using Platform.Routing.Queues;
using Platform.Routing.Rules;
using Platform.Routing.Transcripts;

namespace Platform.Routing.Conversations;

/// <summary>
/// The behaviour behind the conversation state machine's arrows (docs/routing.md). It runs inside the saga's
/// transaction: the saga row is locked, and everything written here (transcript entries, agent load, thread end) and
/// every message published, sent or scheduled commits with it, or not at all.
/// </summary>
internal sealed class ConversationFlow(ConversationStateMachine machine)
{
    public static async Task Open(BehaviorContext<ConversationState, CustomerMessageArrived> context)
    {
        var saga = context.Saga;
        var message = context.Message.Message;
        saga.ThreadKey = context.Message.ThreadKey;
        saga.SinchAppId = message.SinchAppId;
        saga.SinchConversationId = message.SinchConversationId;
        saga.ProcessingMode = message.ProcessingMode ?? ConversationThreads.ModeOf(message);
        saga.Channel = message.Channel;
        saga.Identity = message.Identity.Identity;
        saga.IdentityAppId = message.Identity.AppId;
        saga.StartedAt = Now(context);
        await PublishStarted(context);
        Logger(context).ConversationOpened(saga.CorrelationId, saga.SinchAppId, saga.Channel);
    }

    /// <summary>What every customer message does, whatever the state: activity, contact, metadata, the live event.</summary>
    public static async Task RecordCustomerMessage(BehaviorContext<ConversationState, CustomerMessageArrived> context)
    {
        var saga = context.Saga;
        var message = context.Message.Message;
        saga.LastActivityAt = Now(context);
        saga.SinchContactId ??= message.SinchContactId;
        foreach (var (key, value) in message.Metadata)
        {
            saga.Metadata[key] = value;
        }

        saga.ConversationMetadata = message.ConversationMetadata ?? saga.ConversationMetadata;
        ApplyContact(saga, context.Message.Contact);
        // A contact resolved after the intake stored the message but before this conversation existed was kept for it
        // (docs/routing.md, "Facts before their message"); it is the later fact, so it wins.
        ApplyContact(saga, await PendingFacts.TakeContactAsync(Db(context), message.SinchMessageId, context.CancellationToken));
        await context.Publish(new TranscriptEntryAdded
        {
            ConversationId = saga.CorrelationId,
            EntryId = context.Message.EntryId,
            Author = Authors.Customer,
            Kind = message.Kind,
            SinchMessageId = message.SinchMessageId,
            AgentId = saga.AgentId,
            At = message.ReceivedAt,
        });
        await NotifyLive(context, new LiveUpdate("transcript-entry", saga.CorrelationId, saga.AgentId, null, context.Message.EntryId, Authors.Customer));
    }

    public static void ApplyContact(ConversationState saga, ContactDetails? contact)
    {
        if (contact is null)
        {
            return;
        }

        saga.ContactId = contact.ContactId;
        saga.DisplayName = contact.DisplayName;
        if (contact.Attributes is not null)
        {
            saga.ContactAttributes = new Dictionary<string, string>(contact.Attributes);
        }
    }

    /// <summary>A new (or re-opened bot) conversation goes where the first matching rule says.</summary>
    public async Task Route(BehaviorContext<ConversationState, CustomerMessageArrived> context)
    {
        var saga = context.Saga;
        var db = Db(context);
        var attributes = new Dictionary<string, string>(saga.ContactAttributes);
        if (saga.DisplayName is { } name)
        {
            attributes.TryAdd("displayName", name);
        }

        var facts = new RoutingFacts(saga.SinchAppId, saga.Channel, context.Message.Message.Text, attributes, saga.Metadata);
        var rule = await RuleMatcher.FirstMatchAsync(db, facts, context.CancellationToken);
        if (rule.TargetKind == RuleTargets.Bot && await db.Bots.AnyAsync(b => b.Id == rule.TargetId, context.CancellationToken))
        {
            await EnterBot(context, rule.TargetId);
            await context.Publish(new AskBot { ConversationId = saga.CorrelationId, BotId = rule.TargetId, EntryId = context.Message.EntryId });
            return;
        }

        var queueId = rule.TargetId;
        if (rule.TargetKind != RuleTargets.Queue || !await db.Queues.AnyAsync(q => q.Id == queueId, context.CancellationToken))
        {
            Logger(context).RuleTargetMissing(saga.CorrelationId, rule.TargetKind, rule.TargetId);
            queueId = RoutingIds.DefaultQueue;
        }

        await EnterQueue(context, queueId, "queued", reason: null, preferred: null, excluded: null);
    }

    public async Task Reopen(BehaviorContext<ConversationState, CustomerMessageArrived> context)
    {
        var saga = context.Saga;
        saga.ReopenCount++;
        saga.EndedAt = null;
        saga.EndedBy = null;
        if (await Db(context).Threads.FindAsync([saga.ThreadKey], context.CancellationToken) is { } thread && thread.ConversationId == saga.CorrelationId)
        {
            thread.EndedAt = null;
        }

        await PublishStarted(context);
        Logger(context).ConversationReopened(saga.CorrelationId);
        // Back to the last agent only if that agent is available now; otherwise to any available agent of the queue.
        if (saga.LastAgentId is { } lastAgent)
        {
            await EnterQueue(context, saga.QueueId ?? RoutingIds.DefaultQueue, "queued", "reopened", preferred: lastAgent, excluded: null);
        }
        else
        {
            await Route(context);
        }
    }

    public static async Task CustomerWaitsForAgent(BehaviorContext<ConversationState> context)
    {
        if (!context.Saga.AwaitingAgentReply)
        {
            context.Saga.AwaitingAgentReply = true;
            await ScheduleResponse(context);
        }
    }

    public async Task EnterBot(BehaviorContext<ConversationState> context, Guid botId)
    {
        var saga = context.Saga;
        saga.BotId = botId;
        saga.QueueId = null;
        saga.QueuedAt = null;
        await context.TransitionToState(machine.BotHandling);
        await PublishAssignment(context, "bot", previousAgent: null, reason: null);
    }

    /// <summary>Puts the conversation in a queue and offers it at once to the agent the policy picks, if any.</summary>
    public async Task EnterQueue(BehaviorContext<ConversationState> context, Guid queueId, string change, string? reason, Guid? preferred, Guid? excluded)
    {
        var saga = context.Saga;
        var db = Db(context);
        var now = Now(context);
        var previous = await ReleaseAgent(context);
        saga.BotId = null;
        saga.QueueId = queueId;
        saga.QueuedAt = now;
        var queue = await db.Queues.FindAsync([queueId], context.CancellationToken);
        var agent = await AgentAssignments.TakeAsync(db, queue?.Skill, preferred, excluded, now, context.CancellationToken);
        if (agent is not null)
        {
            await Assign(context, agent.Id, change == "queued" ? "assigned" : change, previous, reason);
        }
        else
        {
            saga.AwaitingAgentReply = false;
            await CancelResponse(context);
            await context.TransitionToState(machine.Queued);
            await PublishAssignment(context, change, previous, reason);
        }

        await FreeCapacity(context, previous);
    }

    /// <summary>A queued conversation tries again (an agent became free).</summary>
    public async Task Offer(BehaviorContext<ConversationState> context)
    {
        var saga = context.Saga;
        var db = Db(context);
        var queue = saga.QueueId is { } queueId ? await db.Queues.FindAsync([queueId], context.CancellationToken) : null;
        var agent = await AgentAssignments.TakeAsync(db, queue?.Skill, null, null, Now(context), context.CancellationToken);
        if (agent is not null)
        {
            await Assign(context, agent.Id, "assigned", previousAgent: null, reason: null);
        }
    }

    public async Task Accept(BehaviorContext<ConversationState, AcceptConversation> context)
    {
        var saga = context.Saga;
        if (saga.AgentId == context.Message.AgentId)
        {
            saga.AcceptedAt ??= Now(context);
            await PublishAssignment(context, "accepted", previousAgent: null, reason: null);
            return;
        }

        if (saga.AgentId is null)
        {
            // An agent picks a waiting conversation from the queue: only while available with free capacity.
            var agent = await AgentAssignments.TakeAsync(Db(context), null, context.Message.AgentId, null, Now(context), context.CancellationToken, preferredOnly: true);
            if (agent is not null)
            {
                await Assign(context, agent.Id, "accepted", previousAgent: null, reason: null);
                saga.AcceptedAt = Now(context);
            }
        }
    }

    public async Task Transfer(BehaviorContext<ConversationState, TransferConversation> context)
    {
        var saga = context.Saga;
        var message = context.Message;
        if (message.AgentId is { } agentId)
        {
            var previous = await ReleaseAgent(context);
            var agent = await AgentAssignments.TakeAsync(Db(context), null, agentId, null, Now(context), context.CancellationToken, preferredOnly: true);
            if (agent is not null)
            {
                saga.BotId = null;
                saga.QueueId ??= RoutingIds.DefaultQueue;
                await Assign(context, agent.Id, "transferred", previous, message.Note);
                await FreeCapacity(context, previous);
                return;
            }

            await EnterQueueAfterRelease(context, message.QueueId ?? saga.QueueId ?? RoutingIds.DefaultQueue, previous, message.Note);
            return;
        }

        await EnterQueue(context, message.QueueId ?? saga.QueueId ?? RoutingIds.DefaultQueue, "transferred", message.Note, preferred: null, excluded: saga.AgentId);
    }

    private async Task EnterQueueAfterRelease(BehaviorContext<ConversationState> context, Guid queueId, Guid? previous, string? reason)
    {
        var saga = context.Saga;
        saga.BotId = null;
        saga.QueueId = queueId;
        saga.QueuedAt = Now(context);
        saga.AwaitingAgentReply = false;
        await CancelResponse(context);
        await context.TransitionToState(machine.Queued);
        await PublishAssignment(context, "transferred", previous, reason);
        await FreeCapacity(context, previous);
    }

    public async Task ResponseTimedOut(BehaviorContext<ConversationState, ResponseTimeoutExpired> context)
    {
        var saga = context.Saga;
        if (context.Message.TimerId != saga.ResponseTimeoutToken)
        {
            return;
        }

        saga.ResponseTimeoutToken = null;
        saga.ResponseDueAt = null;
        await EnterQueue(context, saga.QueueId ?? RoutingIds.DefaultQueue, "response-timeout", "the assignee did not reply in time", preferred: null, excluded: saga.AgentId);
    }

    private async Task Assign(BehaviorContext<ConversationState> context, Guid agentId, string change, Guid? previousAgent, string? reason)
    {
        var saga = context.Saga;
        saga.AgentId = agentId;
        saga.LastAgentId = agentId;
        saga.AssignedAt = Now(context);
        saga.AcceptedAt = null;
        saga.AwaitingAgentReply = true;
        await context.TransitionToState(machine.Assigned);
        await PublishAssignment(context, change, previousAgent, reason);
        await ScheduleResponse(context);
    }

    private static async Task<Guid?> ReleaseAgent(BehaviorContext<ConversationState> context)
    {
        var saga = context.Saga;
        if (saga.AgentId is not { } agentId)
        {
            return null;
        }

        await AgentAssignments.ReleaseAsync(Db(context), agentId, context.CancellationToken);
        saga.AgentId = null;
        saga.AssignedAt = null;
        saga.AcceptedAt = null;
        return agentId;
    }

    private static async Task FreeCapacity(BehaviorContext<ConversationState> context, Guid? agentId)
    {
        if (agentId is { } id && id != context.Saga.AgentId)
        {
            await context.Publish(new AgentCapacityFreed { AgentId = id });
        }
    }

    public async Task ReplyFromAgent(BehaviorContext<ConversationState, AgentReply> context)
    {
        var saga = context.Saga;
        if (saga.AgentId != context.Message.AgentId)
        {
            Logger(context).EventIgnored(saga.CorrelationId, nameof(AgentReply), saga.CurrentState);
            return;
        }

        var name = await Db(context).Agents.Where(a => a.Id == context.Message.AgentId).Select(a => a.Name).FirstOrDefaultAsync(context.CancellationToken);
        await SendReply(context, context.Message.Content, Authors.Agent, name, context.Message.AgentId, context.Message.OutboundMessageId);
        saga.AcceptedAt ??= Now(context);
        saga.AwaitingAgentReply = false;
        saga.LastActivityAt = Now(context);
        await CancelResponse(context);
        await ScheduleInactivity(context);
    }

    public async Task AnswerFromBot(BehaviorContext<ConversationState, BotAnswered> context)
    {
        var saga = context.Saga;
        var answer = context.Message;
        var db = Db(context);
        if (saga.BotId != answer.BotId)
        {
            return;
        }

        var botName = await db.Bots.Where(b => b.Id == answer.BotId).Select(b => b.Name).FirstOrDefaultAsync(context.CancellationToken);
        foreach (var content in answer.Messages)
        {
            await SendReply(context, content, Authors.Bot, botName, null, NewId.NextGuid());
        }

        saga.LastActivityAt = Now(context);
        if (answer.End)
        {
            await End(context, "bot", Now(context));
            return;
        }

        if (answer.Handoff)
        {
            var queueId = await ResolveQueue(db, answer.HandoffQueue, context.CancellationToken);
            await EnterQueue(context, queueId, "queued", answer.HandoffReason ?? "bot-handoff", preferred: null, excluded: null);
        }

        await ScheduleInactivity(context);
    }

    public async Task BotFailed(BehaviorContext<ConversationState, BotUnavailable> context)
    {
        if (context.Saga.BotId != context.Message.BotId)
        {
            return;
        }

        // No customer is left unanswered: a bot that cannot answer hands over to the default queue.
        await EnterQueue(context, RoutingIds.DefaultQueue, "queued", "bot-unavailable", preferred: null, excluded: null);
    }

    private static async Task<Guid> ResolveQueue(RoutingDbContext db, string? nameOrId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(nameOrId))
        {
            return RoutingIds.DefaultQueue;
        }

        var byId = Guid.TryParse(nameOrId, out var id) ? await db.Queues.AnyAsync(q => q.Id == id, cancellationToken) : false;
        if (byId)
        {
            return id;
        }

        return await db.Queues.Where(q => q.Name == nameOrId).Select(q => (Guid?)q.Id).FirstOrDefaultAsync(cancellationToken) ?? RoutingIds.DefaultQueue;
    }

    /// <summary>Stores the reply in the transcript first (REQUESTED), then asks egress to send it with the same id.</summary>
    public static async Task SendReply(
        BehaviorContext<ConversationState> context, OutboundContent content, string author, string? authorName, Guid? agentId, Guid outboundMessageId)
    {
        var saga = context.Saga;
        var now = Now(context);
        var entry = OutboundEntries.From(saga.CorrelationId, content, author, authorName, agentId, outboundMessageId, now);
        var db = Db(context);
        db.Transcript.Add(entry);
        // Saved one by one: the transcript's order is the insert order, and a batch would insert in key order.
        await db.SaveChangesAsync(context.CancellationToken);
        var endpoint = await context.GetSendEndpoint(new Uri(Options(context).EgressSendAddress));
        await endpoint.Send(new SendOutboundMessage
        {
            OutboundMessageId = outboundMessageId,
            ConversationId = saga.CorrelationId,
            SinchAppId = saga.SinchAppId,
            SinchContactId = saga.SinchContactId,
            Recipients = [new ChannelIdentity { Channel = saga.Channel, Identity = saga.Identity, AppId = saga.IdentityAppId }],
            Content = content,
            ContactId = saga.ContactId,
            ConversationChannel = saga.Channel,
            RequestedBy = author,
            RequestedAt = now,
        }, context.CancellationToken);
        await context.Publish(new TranscriptEntryAdded
        {
            ConversationId = saga.CorrelationId,
            EntryId = entry.Id,
            Author = author,
            Kind = entry.Kind,
            OutboundMessageId = outboundMessageId,
            AgentId = saga.AgentId,
            At = now,
        });
        await NotifyLive(context, new LiveUpdate("transcript-entry", saga.CorrelationId, saga.AgentId, null, entry.Id, author));
    }

    public async Task End(BehaviorContext<ConversationState> context, string endedBy, DateTimeOffset at)
    {
        var saga = context.Saga;
        var previous = await ReleaseAgent(context);
        saga.AwaitingAgentReply = false;
        await CancelResponse(context);
        await CancelInactivity(context);
        saga.EndedAt = at;
        saga.EndedBy = endedBy;
        if (await Db(context).Threads.FindAsync([saga.ThreadKey], context.CancellationToken) is { } thread && thread.ConversationId == saga.CorrelationId)
        {
            thread.EndedAt = at;
        }

        await context.TransitionToState(machine.Ended);
        if (previous is not null || saga.BotId is not null || saga.QueueId is not null)
        {
            await PublishAssignment(context, "released", previous, endedBy);
        }

        await context.Publish(new ConversationEnded
        {
            ConversationId = saga.CorrelationId,
            SinchConversationId = saga.SinchConversationId ?? "",
            SinchAppId = saga.SinchAppId,
            EndedBy = endedBy,
            EndedAt = at,
        });
        await FreeCapacity(context, previous);
        Logger(context).ConversationEnded(saga.CorrelationId, endedBy);
    }

    public static async Task InactivityWarning(BehaviorContext<ConversationState, InactivityWarningDue> context)
    {
        var saga = context.Saga;
        if (context.Message.TimerId != saga.InactivityWarningToken)
        {
            return;
        }

        saga.InactivityWarningToken = null;
        var queue = saga.QueueId is { } queueId ? await Db(context).Queues.FindAsync([queueId], context.CancellationToken) : null;
        if (WarningAt(context, queue) is { } warnAt && Now(context) < warnAt)
        {
            // Activity since this warning was scheduled moved the end: warn before the new end instead.
            await ScheduleWarning(context, warnAt);
            return;
        }

        if (queue?.InactivityWarningText is { Length: > 0 } text)
        {
            await SendReply(context, new OutboundContent { Text = text }, Authors.System, null, null, NewId.NextGuid());
        }
    }

    public async Task InactivityExpired(BehaviorContext<ConversationState, InactivityTimeoutExpired> context)
    {
        var saga = context.Saga;
        if (context.Message.TimerId != saga.InactivityTimeoutToken)
        {
            return;
        }

        if (saga.InactivityDueAt is { } due && Now(context) < due)
        {
            // Activity since this timer was scheduled moved the end (ScheduleInactivity keeps the earlier timer): re-arm.
            await ScheduleTimeout(context, due);
            return;
        }

        saga.InactivityTimeoutToken = null;
        await End(context, "inactivity", Now(context));
    }

    /// <summary>
    /// Moves the inactivity end (and its warning, when the queue has one) to now + the queue's inactivity time. A timer
    /// already pending that fires no later than the new end is kept rather than cancelled and scheduled again: when it
    /// fires early it re-arms itself for the rest (<see cref="InactivityExpired"/>). Every message of a conversation
    /// would otherwise cost two scheduler messages and their transactions (a cancel and a schedule) per timer; now a
    /// timer is re-armed at most once per inactivity period.
    /// </summary>
    public static async Task ScheduleInactivity(BehaviorContext<ConversationState> context)
    {
        var saga = context.Saga;
        if (saga.EndedAt is not null)
        {
            return;
        }

        var queue = saga.QueueId is { } queueId ? await Db(context).Queues.FindAsync([queueId], context.CancellationToken) : null;
        var due = Now(context) + Inactivity(context, queue);
        // A pending timer fires at or before the end it was scheduled for; while the end only moves later, it stays valid.
        var keepPending = saga.InactivityDueAt is { } previousDue && previousDue <= due;
        if (!keepPending)
        {
            await CancelInactivity(context);
        }

        saga.InactivityDueAt = due;
        if (saga.InactivityTimeoutToken is null)
        {
            await ScheduleTimeout(context, due);
        }

        if (saga.InactivityWarningToken is null && WarningAt(context, queue) is { } warnAt)
        {
            await ScheduleWarning(context, warnAt);
        }
    }

    private static async Task ScheduleTimeout(BehaviorContext<ConversationState> context, DateTimeOffset due)
    {
        var saga = context.Saga;
        saga.InactivityTimeoutToken = NewId.NextGuid();
        await Scheduler(context).ScheduleSend(ConversationStateMachine.Address, due.UtcDateTime,
            new InactivityTimeoutExpired { ConversationId = saga.CorrelationId, TimerId = saga.InactivityTimeoutToken.Value });
    }

    private static async Task ScheduleWarning(BehaviorContext<ConversationState> context, DateTimeOffset warnAt)
    {
        var saga = context.Saga;
        saga.InactivityWarningToken = NewId.NextGuid();
        await Scheduler(context).ScheduleSend(ConversationStateMachine.Address, warnAt.UtcDateTime,
            new InactivityWarningDue { ConversationId = saga.CorrelationId, TimerId = saga.InactivityWarningToken.Value });
    }

    /// <summary>When the queue's warning is due before the current inactivity end, if the queue warns at all.</summary>
    private static DateTimeOffset? WarningAt(BehaviorContext<ConversationState> context, AgentQueue? queue) =>
        queue is { InactivityWarningText.Length: > 0, InactivityWarningSeconds: { } before }
            && context.Saga.InactivityDueAt is { } due
            && TimeSpan.FromSeconds(before) < Inactivity(context, queue)
            ? due - TimeSpan.FromSeconds(before)
            : null;

    private static TimeSpan Inactivity(BehaviorContext<ConversationState> context, AgentQueue? queue) =>
        TimeSpan.FromSeconds(queue?.InactivitySeconds ?? Options(context).InactivitySeconds);

    private static async Task CancelInactivity(BehaviorContext<ConversationState> context)
    {
        var saga = context.Saga;
        if (saga.InactivityTimeoutToken is { } timeout)
        {
            await Scheduler(context).CancelScheduledSend(ConversationStateMachine.Address, timeout);
        }

        if (saga.InactivityWarningToken is { } warning)
        {
            await Scheduler(context).CancelScheduledSend(ConversationStateMachine.Address, warning);
        }

        saga.InactivityTimeoutToken = null;
        saga.InactivityWarningToken = null;
        saga.InactivityDueAt = null;
    }

    private static async Task ScheduleResponse(BehaviorContext<ConversationState> context)
    {
        var saga = context.Saga;
        await CancelResponse(context);
        var queue = saga.QueueId is { } queueId ? await Db(context).Queues.FindAsync([queueId], context.CancellationToken) : null;
        var seconds = queue?.ResponseSeconds ?? Options(context).ResponseSeconds;
        if (seconds <= 0)
        {
            return;
        }

        saga.ResponseDueAt = Now(context) + TimeSpan.FromSeconds(seconds);
        saga.ResponseTimeoutToken = NewId.NextGuid();
        await Scheduler(context).ScheduleSend(ConversationStateMachine.Address, saga.ResponseDueAt.Value.UtcDateTime,
            new ResponseTimeoutExpired { ConversationId = saga.CorrelationId, TimerId = saga.ResponseTimeoutToken.Value });
    }

    private static async Task CancelResponse(BehaviorContext<ConversationState> context)
    {
        var saga = context.Saga;
        if (saga.ResponseTimeoutToken is { } token)
        {
            await Scheduler(context).CancelScheduledSend(ConversationStateMachine.Address, token);
        }

        saga.ResponseTimeoutToken = null;
        saga.ResponseDueAt = null;
    }

    private static async Task PublishStarted(BehaviorContext<ConversationState> context)
    {
        var saga = context.Saga;
        await context.Publish(new ConversationStarted
        {
            ConversationId = saga.CorrelationId,
            SinchConversationId = saga.SinchConversationId ?? "",
            SinchAppId = saga.SinchAppId,
            Customer = new ChannelIdentity { Channel = saga.Channel, Identity = saga.Identity, AppId = saga.IdentityAppId },
            StartedAt = Now(context),
            ContactId = saga.ContactId,
            ProcessingMode = saga.ProcessingMode,
        });
    }

    private static async Task PublishAssignment(BehaviorContext<ConversationState> context, string change, Guid? previousAgent, string? reason)
    {
        var saga = context.Saga;
        await context.Publish(new ConversationAssignmentChanged
        {
            ConversationId = saga.CorrelationId,
            Change = change,
            BotId = saga.BotId,
            QueueId = saga.QueueId,
            AgentId = saga.AgentId,
            PreviousAgentId = previousAgent,
            Reason = reason,
            At = Now(context),
        });
        await NotifyLive(context, new LiveUpdate("assignment", saga.CorrelationId, saga.AgentId, previousAgent, null, change));
        Logger(context).AssignmentChanged(saga.CorrelationId, change, saga.QueueId, saga.AgentId, saga.BotId);
    }

    private static MessageSchedulerContext Scheduler(BehaviorContext<ConversationState> context) => context.GetPayload<MessageSchedulerContext>();

    /// <summary>
    /// The live update of a change, notified in the saga's own transaction (so only a committed change is shown) rather
    /// than by a consumer of the published event: that cost a consumed message, with its inbox and outbox, per change.
    /// </summary>
    private static Task NotifyLive(BehaviorContext<ConversationState> context, LiveUpdate update) =>
        LiveNotifications.NotifyAsync(Db(context), update, context.CancellationToken);

    private static RoutingDbContext Db(BehaviorContext<ConversationState> context) => context.GetServiceOrCreateInstance<RoutingDbContext>();

    private static ConversationOptions Options(BehaviorContext<ConversationState> context) =>
        context.GetServiceOrCreateInstance<IOptions<ConversationOptions>>().Value;

    private static ILogger Logger(BehaviorContext<ConversationState> context) =>
        context.GetServiceOrCreateInstance<ILogger<ConversationStateMachine>>();

    public static DateTimeOffset Now(BehaviorContext<ConversationState> context) => context.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow();
}
