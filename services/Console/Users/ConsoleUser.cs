using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Console.Users;

/// <summary>A person who signs in to the console: an admin, or an agent linked to a routing agent.</summary>
public sealed class ConsoleUser
{
    public Guid Id { get; set; }

    /// <summary>Sign-in name, stored lower-case (names are compared without case).</summary>
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary><see cref="ConsoleRoles.Admin"/> or <see cref="ConsoleRoles.Agent"/>.</summary>
    public string Role { get; set; } = "";

    /// <summary>The routing agent this person works as (agents only).</summary>
    public Guid? AgentId { get; set; }

    /// <summary>PBKDF2 hash in <see cref="PasswordHashing"/>'s format; never the password.</summary>
    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The two roles; an agent sees only their own and their queues' conversations.</summary>
public static class ConsoleRoles
{
    public const string Admin = "admin";
    public const string Agent = "agent";
}

internal sealed class ConsoleUserConfiguration : IEntityTypeConfiguration<ConsoleUser>
{
    public void Configure(EntityTypeBuilder<ConsoleUser> builder)
    {
        builder.ToTable("console_users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasColumnName("id");
        builder.Property(u => u.UserName).HasColumnName("user_name").HasMaxLength(100);
        builder.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(200);
        builder.Property(u => u.Role).HasColumnName("role").HasMaxLength(20);
        builder.Property(u => u.AgentId).HasColumnName("agent_id");
        builder.Property(u => u.PasswordHash).HasColumnName("password_hash").HasMaxLength(300);
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(u => u.UserName).IsUnique();
    }
}
