using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Console.Storage;

namespace Platform.Console.Users;

/// <summary>Creating, listing and checking the console's users.</summary>
public sealed class UserStore(ConsoleDbContext db, TimeProvider clock)
{
    public static string Normalize(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return userName.Trim().ToLowerInvariant();
    }

    /// <summary>The user whose name and password match, or <c>null</c> (unknown name and wrong password alike).</summary>
    public async Task<ConsoleUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
        var matches = PasswordHashing.Verify(password, user?.PasswordHash ?? PasswordHashing.Decoy);
        return user is not null && matches ? user : null;
    }

    public Task<ConsoleUser?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<List<ConsoleUser>> ListAsync(CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);

    public Task<bool> ExistsAsync(string userName, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        return db.Users.AnyAsync(u => u.UserName == name, cancellationToken);
    }

    /// <summary>Adds a user; <c>null</c> when the name is taken (also when another replica took it a moment ago).</summary>
    public async Task<ConsoleUser?> CreateAsync(string userName, string displayName, string role, Guid? agentId, string password, CancellationToken cancellationToken)
    {
        var user = new ConsoleUser
        {
            Id = Guid.NewGuid(),
            UserName = Normalize(userName),
            DisplayName = displayName.Trim(),
            Role = role,
            AgentId = agentId,
            PasswordHash = PasswordHashing.Hash(password),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return user;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(user).State = EntityState.Detached;
            return null;
        }
    }
}
