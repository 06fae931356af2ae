using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Contact.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddContactsIdentitiesConsents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "consents",
                schema: "contact",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sinch_app_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    identity = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    identity_app_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contacts",
                schema: "contact",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    display_name_source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sinch_contact_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    erased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contacts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sinch_contacts",
                schema: "contact",
                columns: table => new
                {
                    sinch_contact_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    metadata = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sinch_contacts", x => x.sinch_contact_id);
                });

            migrationBuilder.CreateTable(
                name: "attached_data",
                schema: "contact",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    value = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attached_data", x => new { x.contact_id, x.key });
                    table.ForeignKey(
                        name: "FK_attached_data_contacts_contact_id",
                        column: x => x.contact_id,
                        principalSchema: "contact",
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identities",
                schema: "contact",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sinch_app_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    identity = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    identity_app_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    profile_request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    profile_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    profile_outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identities", x => x.id);
                    table.ForeignKey(
                        name: "FK_identities_contacts_contact_id",
                        column: x => x.contact_id,
                        principalSchema: "contact",
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_attached_data_key",
                schema: "contact",
                table: "attached_data",
                column: "key");

            migrationBuilder.CreateIndex(
                name: "ix_consents_contact_id",
                schema: "contact",
                table: "consents",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ux_consents_key",
                schema: "contact",
                table: "consents",
                columns: new[] { "sinch_app_id", "channel", "identity", "identity_app_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contacts_display_name",
                schema: "contact",
                table: "contacts",
                column: "display_name");

            migrationBuilder.CreateIndex(
                name: "ux_contacts_sinch_contact_id",
                schema: "contact",
                table: "contacts",
                column: "sinch_contact_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identities_contact_id",
                schema: "contact",
                table: "identities",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_identities_profile_request_id",
                schema: "contact",
                table: "identities",
                column: "profile_request_id");

            migrationBuilder.CreateIndex(
                name: "ux_identities_key",
                schema: "contact",
                table: "identities",
                columns: new[] { "sinch_app_id", "channel", "identity", "identity_app_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attached_data",
                schema: "contact");

            migrationBuilder.DropTable(
                name: "consents",
                schema: "contact");

            migrationBuilder.DropTable(
                name: "identities",
                schema: "contact");

            migrationBuilder.DropTable(
                name: "sinch_contacts",
                schema: "contact");

            migrationBuilder.DropTable(
                name: "contacts",
                schema: "contact");
        }
    }
}
