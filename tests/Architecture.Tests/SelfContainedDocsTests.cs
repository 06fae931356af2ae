using System.Text.RegularExpressions;

namespace Platform.Architecture.Tests;

/// <summary>
/// A person who clones the repository has only the repository: no source or document may send them to a folder beside
/// it. Design documents live in <c>docs/</c> and are cited from there.
/// </summary>
public sealed partial class SelfContainedDocsTests
{
    private static readonly string[] Skipped = ["bin", "obj", ".git", ".platform", "node_modules"];

    private static IEnumerable<string> SourceAndDocumentFiles() =>
        Directory.EnumerateFiles(RepositoryFiles.Root, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".md", StringComparison.Ordinal))
            .Where(p => !RepositoryFiles.Relative(p).Split('/').Any(part => Skipped.Contains(part, StringComparer.Ordinal)));

    [Fact]
    public void No_source_or_document_cites_the_team_handbook_outside_the_repository()
    {
        var citations = SourceAndDocumentFiles()
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, number: i + 1)))
            .Where(l => HandbookWord().IsMatch(l.line))
            .Select(l => $"{RepositoryFiles.Relative(l.path)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(citations.Count == 0, "Cite docs/ instead:\n" + string.Join("\n", citations));
    }

    [Fact]
    public void No_relative_path_in_a_document_or_comment_leads_out_of_the_repository()
    {
        var root = Path.GetFullPath(RepositoryFiles.Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var escapes = new List<string>();
        foreach (var path in SourceAndDocumentFiles())
        {
            var isDocument = path.EndsWith(".md", StringComparison.Ordinal);
            foreach (var (line, number) in File.ReadLines(path).Select((line, i) => (line, i + 1)))
            {
                if (!isDocument && !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match relative in RelativePath().Matches(line))
                {
                    var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, relative.Value));
                    if (!(target + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
                    {
                        escapes.Add($"{RepositoryFiles.Relative(path)}:{number}: {relative.Value}");
                    }
                }
            }
        }

        Assert.True(escapes.Count == 0, "Paths outside the repository:\n" + string.Join("\n", escapes));
    }

    [Theory]
    [InlineData("docs/architecture.md")]
    [InlineData("docs/sinch-wire-format.md")]
    public void The_design_documents_the_code_cites_exist(string document)
    {
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, document)), document);
    }

    // The word on its own: identifiers such as HandbookBody (a test vector's name) are not citations. Spelled in two
    // parts so that this line does not match itself.
    [GeneratedRegex(@"(?i)(?<![\w])hand" + @"book(?![\w])")]
    private static partial Regex HandbookWord();

    [GeneratedRegex(@"(?:\.\./)+[\w.\-/]*")]
    private static partial Regex RelativePath();
}
