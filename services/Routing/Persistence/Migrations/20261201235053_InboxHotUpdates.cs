using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Routing.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InboxHotUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_message_enqueue_time",
                schema: "routing",
                table: "outbox_message");

            migrationBuilder.DropIndex(
                name: "IX_inbox_state_consumed",
                schema: "routing",
                table: "inbox_state");

            migrationBuilder.DropIndex(
                name: "IX_inbox_state_delivered",
                schema: "routing",
                table: "inbox_state");

            migrationBuilder.AlterTable(
                name: "inbox_state",
                schema: "routing")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "IX_inbox_state_received",
                schema: "routing",
                table: "inbox_state",
                column: "received");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_inbox_state_received",
                schema: "routing",
                table: "inbox_state");

            migrationBuilder.AlterTable(
                name: "inbox_state",
                schema: "routing")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_message_enqueue_time",
                schema: "routing",
                table: "outbox_message",
                column: "enqueue_time");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_state_consumed",
                schema: "routing",
                table: "inbox_state",
                column: "consumed",
                filter: "delivered IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_state_delivered",
                schema: "routing",
                table: "inbox_state",
                column: "delivered");
        }
    }
}
