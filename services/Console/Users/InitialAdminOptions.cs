using System.ComponentModel.DataAnnotations;

namespace Platform.Console.Users;

/// <summary>The admin created at first start when no admin exists (password from the environment only).</summary>
public sealed class InitialAdminOptions
{
    public const string Section = "Console:InitialAdmin";

    [Required, StringLength(100, MinimumLength = 1)]
    public string UserName { get; set; } = "admin";

    [Required, MinLength(12)]
    public string Password { get; set; } = "";
}
