namespace Platform.Console;

/// <summary>Problem-details <c>type</c> values the console's own API answers with; the page branches on these.</summary>
public static class Problems
{
    public const string InvalidCredentials = "urn:platform:problem:console:invalid-credentials";
    public const string InvalidAntiforgeryToken = "urn:platform:problem:console:invalid-antiforgery-token";
    public const string DuplicateUserName = "urn:platform:problem:console:duplicate-user-name";
    public const string PlatformUnavailable = "urn:platform:problem:console:platform-unavailable";
    public const string ConversationNotVisible = "urn:platform:problem:console:conversation-not-visible";
    public const string NotAnAgent = "urn:platform:problem:console:not-an-agent";
}
