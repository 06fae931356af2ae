using System.Net.Http.Headers;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Console.Platform;

public static class PlatformSetup
{
    /// <summary>The client for streams (live updates, uploads): no total timeout, no retries, nothing buffered.</summary>
    public const string StreamingClient = "platform-streaming";

    public static IHostApplicationBuilder AddPlatformApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddValidatedOptions<PlatformApiOptions>(builder.Configuration, PlatformApiOptions.Section);
        var baseAddress = new Uri(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
        builder.Services.AddExceptionHandler<PlatformUnavailableHandler>();
        builder.Services.AddHttpClient<PlatformApi>(http => Configure(http, baseAddress, options.ApiKey));
#pragma warning disable EXTEXP0001 // Marked experimental; the only way to take the default resilience handler off one client.
        builder.Services.AddHttpClient(StreamingClient, http =>
        {
            Configure(http, baseAddress, options.ApiKey);
            http.Timeout = Timeout.InfiniteTimeSpan;
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    private static void Configure(HttpClient http, Uri baseAddress, string apiKey)
    {
        http.BaseAddress = baseAddress;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }
}
