namespace Platform.Egress.Tests.Support;

/// <summary>One platform for every integration class: hosts start in seconds, tests take milliseconds.
/// Classes of one collection run one after another, so emulator faults set by one test never hit another.</summary>
[CollectionDefinition(Name)]
public sealed class EgressPlatformCollection : ICollectionFixture<EgressPlatform>
{
    public const string Name = "egress platform";
}
