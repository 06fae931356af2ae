using System.ComponentModel.DataAnnotations;

namespace Platform.Media.Storage;

/// <summary>Where media content is kept; section <c>Media:Storage</c> (docs/media.md, "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Media:Storage";

    /// <summary><c>FileSystem</c> (default, one replica or a shared volume) or <c>S3</c> (several replicas).</summary>
    [RegularExpression("^(FileSystem|S3)$")]
    public string Provider { get; set; } = "FileSystem";

    /// <summary>Folder of the file-system store; relative paths are under the process's working directory.</summary>
    [Required]
    public string Root { get; set; } = "media-data";

    /// <summary>The S3 store's settings, used when <see cref="Provider"/> is <c>S3</c>.</summary>
    public S3StorageOptions S3 { get; set; } = new();
}

/// <summary>An S3-compatible object store (MinIO, AWS S3). Keys come from the environment, never a committed file.</summary>
public sealed class S3StorageOptions
{
    /// <summary>Endpoint of an S3-compatible server, e.g. <c>http://minio:9000</c>; empty for AWS itself.</summary>
    public string ServiceUrl { get; set; } = "";

    public string Bucket { get; set; } = "media";

    public string Region { get; set; } = "us-east-1";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), which MinIO and most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Part size of multipart uploads; one part is the most a write holds in memory.</summary>
    [Range(5 * 1024 * 1024, 256 * 1024 * 1024)]
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Creates the bucket at start-up when it does not exist.</summary>
    public bool CreateBucket { get; set; } = true;
}
