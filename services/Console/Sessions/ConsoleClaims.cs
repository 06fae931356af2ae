using System.Security.Claims;
using Platform.Console.Users;

namespace Platform.Console.Sessions;

/// <summary>What the session cookie says about the person: id, name, role and, for agents, their routing agent.</summary>
public static class ConsoleClaims
{
    public const string AgentId = "agent_id";

    public static ClaimsPrincipal For(ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
        ];
        if (user.AgentId is { } agentId)
        {
            claims.Add(new Claim(AgentId, agentId.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>The signed-in agent's routing agent id (the agent policy guarantees the claim).</summary>
    public static Guid AgentIdOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.Parse(user.FindFirstValue(AgentId)!);
    }
}
