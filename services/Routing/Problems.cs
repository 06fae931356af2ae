namespace Platform.Routing;

/// <summary>Problem-details <c>type</c> values routing answers with; clients branch on these, not on titles.</summary>
public static class Problems
{
    public const string NotFound = "urn:platform:problem:routing:not-found";
    public const string ConversationEnded = "urn:platform:problem:routing:conversation-ended";
    public const string NotAssignee = "urn:platform:problem:routing:not-assignee";
    public const string DefaultRuleFixed = "urn:platform:problem:routing:default-rule-fixed";
    public const string DefaultQueueFixed = "urn:platform:problem:routing:default-queue-fixed";
    public const string InUse = "urn:platform:problem:routing:in-use";
    public const string InvalidTarget = "urn:platform:problem:routing:invalid-target";
    public const string InvalidContent = "urn:platform:problem:routing:invalid-content";
    public const string MediaNotPublished = "urn:platform:problem:routing:media-not-published";
    public const string DuplicateName = "urn:platform:problem:routing:duplicate-name";
}

/// <summary>One page of a list; <see cref="Total"/> counts every match of the filters.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
