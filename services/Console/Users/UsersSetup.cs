using Platform.ServiceDefaults.Configuration;

namespace Platform.Console.Users;

public static class UsersSetup
{
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<InitialAdminOptions>(builder.Configuration, InitialAdminOptions.Section);
        builder.Services.AddScoped<UserStore>();
        builder.Services.AddHostedService<InitialAdminSeeder>();
        return builder;
    }
}
