namespace Platform.Messaging;

/// <summary>
/// The broker location as one AMQP URI (<c>amqp://user:password@host:5672/vhost</c>), the form RabbitMQ's own tools,
/// Kubernetes secrets and Testcontainers all use.
/// </summary>
public sealed record RabbitMqAddress(string Host, int Port, string VirtualHost, string Username, string Password)
{
    /// <summary>The AMQP default port.</summary>
    public const int DefaultPort = 5672;

    /// <summary>Parses an <c>amqp://</c> URI; an empty path means the default virtual host <c>/</c>.</summary>
    public static RabbitMqAddress Parse(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "rabbitmq"))
        {
            throw new FormatException("The RabbitMQ connection string must be an absolute amqp:// URI, e.g. amqp://guest:guest@localhost:5672/");
        }

        var userInfo = parsed.UserInfo.Split(':', 2);
        var username = userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var path = parsed.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        return new RabbitMqAddress(parsed.Host, parsed.IsDefaultPort ? DefaultPort : parsed.Port, virtualHost, username, password);
    }

    /// <summary>The address in MassTransit's form, without credentials.</summary>
    public Uri ToMassTransitHostAddress() =>
        new($"rabbitmq://{Host}:{Port}/{(VirtualHost == "/" ? "" : Uri.EscapeDataString(VirtualHost))}");

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"amqp://{Username}@{Host}:{Port}/{VirtualHost}";
}
