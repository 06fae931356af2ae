using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Egress.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InboxHotUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_message_enqueue_time",
                schema: "egress",
                table: "outbox_message");

            migrationBuilder.DropIndex(
                name: "IX_inbox_state_consumed",
                schema: "egress",
                table: "inbox_state");

            migrationBuilder.DropIndex(
                name: "IX_inbox_state_delivered",
                schema: "egress",
                table: "inbox_state");

            migrationBuilder.AlterTable(
                name: "inbox_state",
                schema: "egress")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "IX_inbox_state_received",
                schema: "egress",
                table: "inbox_state",
                column: "received");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_inbox_state_received",
                schema: "egress",
                table: "inbox_state");

            migrationBuilder.AlterTable(
                name: "inbox_state",
                schema: "egress")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_message_enqueue_time",
                schema: "egress",
                table: "outbox_message",
                column: "enqueue_time");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_state_consumed",
                schema: "egress",
                table: "inbox_state",
                column: "consumed",
                filter: "delivered IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_state_delivered",
                schema: "egress",
                table: "inbox_state",
                column: "delivered");
        }
    }
}
