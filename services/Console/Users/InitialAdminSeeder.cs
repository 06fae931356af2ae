using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Console.Storage;

namespace Platform.Console.Users;

/// <summary>
/// Creates the configured admin when the console has no admin yet; runs after the migrations (hosted services start in
/// order). Changing the setting later changes nothing: the password is the admin's from then on.
/// </summary>
internal sealed class InitialAdminSeeder(IServiceScopeFactory scopes, IOptions<InitialAdminOptions> options, ILogger<InitialAdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsoleDbContext>();
        if (await db.Users.AnyAsync(u => u.Role == ConsoleRoles.Admin, cancellationToken))
        {
            return;
        }

        var store = scope.ServiceProvider.GetRequiredService<UserStore>();
        var admin = await store.CreateAsync(options.Value.UserName, "Administrator", ConsoleRoles.Admin, null, options.Value.Password, cancellationToken);
        if (admin is not null)
        {
            logger.InitialAdminCreated(admin.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
