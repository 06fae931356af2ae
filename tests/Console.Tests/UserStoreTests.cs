using Microsoft.EntityFrameworkCore;
using Platform.Console.Storage;
using Platform.Console.Users;
using Platform.Testing;

namespace Platform.Console.Tests;

[Trait("Category", TestCategories.Integration)]
public sealed class UserStoreTests : IAsyncLifetime
{
    private readonly InfrastructureFixture infrastructure = new();
    private ConsoleDbContext db = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        db = new ConsoleDbContext(new DbContextOptionsBuilder<ConsoleDbContext>().UseNpgsql(await infrastructure.CreateDatabaseAsync()).Options);
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await infrastructure.DisposeAsync();
    }

    [Fact]
    public async Task A_user_is_found_by_name_in_any_case_with_the_right_password_only()
    {
        var store = new UserStore(db, TimeProvider.System);
        var agentId = Guid.NewGuid();
        var created = await store.CreateAsync(" Ada.Lovelace ", "Ada", ConsoleRoles.Agent, agentId, "analytical-engine", default);

        var found = await store.FindByCredentialsAsync("ADA.LOVELACE", "analytical-engine", default);

        Assert.NotNull(created);
        Assert.Equal(created.Id, found?.Id);
        Assert.Equal("ada.lovelace", found?.UserName);
        Assert.Equal(agentId, found?.AgentId);
        Assert.Null(await store.FindByCredentialsAsync("ada.lovelace", "difference-engine", default));
        Assert.Null(await store.FindByCredentialsAsync("charles", "analytical-engine", default));
    }

    [Fact]
    public async Task A_taken_name_in_another_case_is_refused_and_the_first_user_kept()
    {
        var store = new UserStore(db, TimeProvider.System);
        await store.CreateAsync("grace", "Grace", ConsoleRoles.Agent, Guid.NewGuid(), "first-password-1", default);

        var second = await store.CreateAsync("GRACE", "Other Grace", ConsoleRoles.Admin, null, "second-password-2", default);

        Assert.Null(second);
        Assert.Equal("Grace", Assert.Single(await store.ListAsync(default), u => u.UserName == "grace").DisplayName);
    }

    [Fact]
    public async Task The_password_is_stored_only_as_a_hash()
    {
        var store = new UserStore(db, TimeProvider.System);
        await store.CreateAsync("hedy", "Hedy", ConsoleRoles.Admin, null, "frequency-hopping", default);

        var stored = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "hedy");

        Assert.DoesNotContain("frequency-hopping", stored.PasswordHash, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha512$", stored.PasswordHash, StringComparison.Ordinal);
    }
}
