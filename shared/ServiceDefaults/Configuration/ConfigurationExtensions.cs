using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>Reading settings so that a missing or bad one stops start-up with a message that names it.</summary>
public static class ConfigurationExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, validates its data annotations when the
    /// host starts, and returns the bound value for use while registering services.
    /// </summary>
    public static TOptions AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var value = new TOptions();
        configuration.GetSection(section).Bind(value);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            var failures = results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
            throw new OptionsValidationException(section, typeof(TOptions), failures);
        }

        return value;
    }

    /// <summary>
    /// Returns a connection string that must be set, or stops start-up with a message naming the setting and the
    /// environment variable that sets it.
    /// </summary>
    public static string GetRequiredConnectionString(this IConfiguration configuration, string name, string example)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new MissingSettingException(
                $"ConnectionStrings:{name}",
                $"Missing required setting 'ConnectionStrings:{name}' (environment variable ConnectionStrings__{name}), e.g. {example}");
        }

        return value;
    }
}

/// <summary>A required setting is absent; the message names it.</summary>
public sealed class MissingSettingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MissingSettingException(string setting, string message)
        : base(message) => Setting = setting;

    /// <summary>Creates the exception.</summary>
    public MissingSettingException() : base("A required setting is missing.") => Setting = "";

    /// <summary>Creates the exception.</summary>
    public MissingSettingException(string message) : base(message) => Setting = "";

    /// <summary>Creates the exception.</summary>
    public MissingSettingException(string message, Exception innerException) : base(message, innerException) => Setting = "";

    /// <summary>The configuration key, e.g. <c>ConnectionStrings:rabbitmq</c>.</summary>
    public string Setting { get; }
}
