using Platform.Contact.AttachedData;
using Platform.Contact.Contacts;

namespace Platform.Contact.Tests.AttachedData;

public sealed class AttachedDataMergerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly AttachedDataMerger _merger = new(new AttachedDataOptions { MaxEntriesPerContact = 2 });

    private static ContactRecord ContactWith(string key, string value, string source, DateTimeOffset at)
    {
        var contact = new ContactRecord { Id = Guid.NewGuid() };
        contact.AttachedData.Add(new AttachedDataEntry { ContactId = contact.Id, Key = key, Value = value, Source = source, ChangedAt = at });
        return contact;
    }

    private string Merge(ContactRecord contact, params AttachedDataCandidate[] candidates)
    {
        _merger.Merge(contact, candidates, []);
        return contact.AttachedData.Single(e => e.Key == "k").Value;
    }

    [Fact]
    public void A_later_message_replaces_a_value_and_an_earlier_one_does_not()
    {
        var contact = ContactWith("k", "old", AttachedDataSources.Metadata, T0);

        Assert.Equal("old", Merge(contact, new AttachedDataCandidate("k", "earlier", AttachedDataSources.Metadata, T0.AddSeconds(-1))));
        Assert.Equal("later", Merge(contact, new AttachedDataCandidate("k", "later", AttachedDataSources.MessageMetadata, T0.AddSeconds(1))));
    }

    [Fact]
    public void Within_one_message_metadata_beats_message_metadata_whatever_the_order()
    {
        var contact = new ContactRecord { Id = Guid.NewGuid() };

        Assert.Equal("own", Merge(contact, new AttachedDataCandidate("k", "own", AttachedDataSources.Metadata, T0), new AttachedDataCandidate("k", "legacy", AttachedDataSources.MessageMetadata, T0)));
    }

    [Fact]
    public void A_value_set_through_the_API_is_replaced_only_through_the_API()
    {
        var contact = ContactWith("k", "agent", AttachedDataSources.Api, T0);

        Assert.Equal("agent", Merge(contact, new AttachedDataCandidate("k", "message", AttachedDataSources.Metadata, T0.AddDays(1))));
        Assert.Equal("agent2", Merge(contact, new AttachedDataCandidate("k", "agent2", AttachedDataSources.Api, T0.AddSeconds(-1))));
    }

    [Fact]
    public void A_full_contact_refuses_new_keys_and_reports_them_but_still_updates_known_ones()
    {
        var contact = ContactWith("k", "v1", AttachedDataSources.Metadata, T0);
        var issues = new List<AttachedDataIssue>();

        _merger.Merge(contact, [new("a", "1", AttachedDataSources.Metadata, T0), new("b", "2", AttachedDataSources.Metadata, T0), new("k", "v2", AttachedDataSources.Metadata, T0.AddSeconds(1))], issues);

        Assert.Equal(["a", "k"], contact.AttachedData.Select(e => e.Key).Order());
        Assert.Equal("v2", contact.AttachedData.Single(e => e.Key == "k").Value);
        Assert.Equal(AttachedDataIssueReasons.ContactFull, Assert.Single(issues).Reason);
    }
}
