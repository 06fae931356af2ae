using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Egress.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddAppConnectionsAndOutboundMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_activity",
                schema: "egress",
                columns: table => new
                {
                    app_id = table.Column<string>(type: "text", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    identity = table.Column<string>(type: "text", nullable: false),
                    sinch_contact_id = table.Column<string>(type: "text", nullable: true),
                    last_inbound_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_activity", x => new { x.app_id, x.channel, x.identity });
                });

            migrationBuilder.CreateTable(
                name: "identity_consent",
                schema: "egress",
                columns: table => new
                {
                    app_id = table.Column<string>(type: "text", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    identity = table.Column<string>(type: "text", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    consent = table.Column<string>(type: "text", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_consent", x => new { x.app_id, x.channel, x.identity });
                });

            migrationBuilder.CreateTable(
                name: "outbound_message_state",
                schema: "egress",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sinch_app_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sinch_contact_id = table.Column<string>(type: "text", nullable: true),
                    channel = table.Column<string>(type: "text", nullable: true),
                    requested_by = table.Column<string>(type: "text", nullable: true),
                    content_kind = table.Column<string>(type: "text", nullable: false),
                    content_json = table.Column<string>(type: "jsonb", nullable: false),
                    sinch_message_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    failure_code = table.Column<string>(type: "text", nullable: true),
                    failure_description = table.Column<string>(type: "text", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    history_json = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbound_message_state", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "send_attempt",
                schema: "egress",
                columns: table => new
                {
                    outbound_message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    app_id = table.Column<string>(type: "text", nullable: false),
                    in_flight = table.Column<bool>(type: "boolean", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    calls = table.Column<int>(type: "integer", nullable: false),
                    sinch_message_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_send_attempt", x => x.outbound_message_id);
                });

            migrationBuilder.CreateTable(
                name: "send_rate_window",
                schema: "egress",
                columns: table => new
                {
                    app_id = table.Column<string>(type: "text", nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_send_rate_window", x => new { x.app_id, x.window_start });
                });

            migrationBuilder.CreateTable(
                name: "sinch_app_connection",
                schema: "egress",
                columns: table => new
                {
                    app_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    project_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    client_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    sealed_client_secret = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    processing_mode = table.Column<string>(type: "text", nullable: false),
                    channels = table.Column<List<string>>(type: "text[]", nullable: false),
                    webhook_id = table.Column<string>(type: "text", nullable: true),
                    webhook_target = table.Column<string>(type: "character varying(742)", maxLength: 742, nullable: false),
                    sealed_webhook_secret = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    connected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    disconnected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sinch_app_connection", x => x.app_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_identity_activity_app_id_sinch_contact_id_channel",
                schema: "egress",
                table: "identity_activity",
                columns: new[] { "app_id", "sinch_contact_id", "channel" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_consent_app_id_contact_id",
                schema: "egress",
                table: "identity_consent",
                columns: new[] { "app_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbound_message_state_contact_id_requested_at_correlation_~",
                schema: "egress",
                table: "outbound_message_state",
                columns: new[] { "contact_id", "requested_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbound_message_state_conversation_id_requested_at_correla~",
                schema: "egress",
                table: "outbound_message_state",
                columns: new[] { "conversation_id", "requested_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbound_message_state_sinch_message_id",
                schema: "egress",
                table: "outbound_message_state",
                column: "sinch_message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_send_attempt_app_id_in_flight",
                schema: "egress",
                table: "send_attempt",
                columns: new[] { "app_id", "in_flight" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_activity",
                schema: "egress");

            migrationBuilder.DropTable(
                name: "identity_consent",
                schema: "egress");

            migrationBuilder.DropTable(
                name: "outbound_message_state",
                schema: "egress");

            migrationBuilder.DropTable(
                name: "send_attempt",
                schema: "egress");

            migrationBuilder.DropTable(
                name: "send_rate_window",
                schema: "egress");

            migrationBuilder.DropTable(
                name: "sinch_app_connection",
                schema: "egress");
        }
    }
}
