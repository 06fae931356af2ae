using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Media.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddMediaTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "media_download_state",
                schema: "media",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sinch_app_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    sinch_message_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    sinch_contact_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    identity_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    source_url = table.Column<string>(type: "text", nullable: true),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    length = table.Column<long>(type: "bigint", nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    failure_detail = table.Column<string>(type: "text", nullable: true),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    erased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_download_state", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "media_erasure",
                schema: "media",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    erased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    items_erased = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_erasure", x => x.contact_id);
                });

            migrationBuilder.CreateTable(
                name: "media_upload_state",
                schema: "media",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    content_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    fetch_count = table.Column<int>(type: "integer", nullable: false),
                    purged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    purge_token = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_upload_state", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_media_download_state_identity_key",
                schema: "media",
                table: "media_download_state",
                column: "identity_key");

            migrationBuilder.CreateIndex(
                name: "IX_media_download_state_sinch_contact_id",
                schema: "media",
                table: "media_download_state",
                column: "sinch_contact_id");

            migrationBuilder.CreateIndex(
                name: "IX_media_download_state_sinch_message_id",
                schema: "media",
                table: "media_download_state",
                column: "sinch_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_media_upload_state_token_hash",
                schema: "media",
                table: "media_upload_state",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "media_download_state",
                schema: "media");

            migrationBuilder.DropTable(
                name: "media_erasure",
                schema: "media");

            migrationBuilder.DropTable(
                name: "media_upload_state",
                schema: "media");
        }
    }
}
