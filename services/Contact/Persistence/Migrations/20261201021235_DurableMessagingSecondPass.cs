using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Contact.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DurableMessagingSecondPass : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_scheduled_message_due_at",
                schema: "contact",
                table: "scheduled_message");

            migrationBuilder.DropIndex(
                name: "IX_outbox_state_created",
                schema: "contact",
                table: "outbox_state");

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                schema: "contact",
                table: "scheduled_message_cancellation",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "dead_lettered",
                schema: "contact",
                table: "scheduled_message",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "delivery_attempts",
                schema: "contact",
                table: "scheduled_message",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                schema: "contact",
                table: "scheduled_message",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "dead_lettered",
                schema: "contact",
                table: "outbox_state",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "delivery_attempts",
                schema: "contact",
                table: "outbox_state",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                schema: "contact",
                table: "outbox_state",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_message_due_at",
                schema: "contact",
                table: "scheduled_message",
                column: "due_at",
                filter: "dead_lettered IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_state_created",
                schema: "contact",
                table: "outbox_state",
                column: "created",
                filter: "dead_lettered IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_state_consumed",
                schema: "contact",
                table: "inbox_state",
                column: "consumed",
                filter: "delivered IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_scheduled_message_due_at",
                schema: "contact",
                table: "scheduled_message");

            migrationBuilder.DropIndex(
                name: "IX_outbox_state_created",
                schema: "contact",
                table: "outbox_state");

            migrationBuilder.DropIndex(
                name: "IX_inbox_state_consumed",
                schema: "contact",
                table: "inbox_state");

            migrationBuilder.DropColumn(
                name: "sequence",
                schema: "contact",
                table: "scheduled_message_cancellation");

            migrationBuilder.DropColumn(
                name: "dead_lettered",
                schema: "contact",
                table: "scheduled_message");

            migrationBuilder.DropColumn(
                name: "delivery_attempts",
                schema: "contact",
                table: "scheduled_message");

            migrationBuilder.DropColumn(
                name: "last_error",
                schema: "contact",
                table: "scheduled_message");

            migrationBuilder.DropColumn(
                name: "dead_lettered",
                schema: "contact",
                table: "outbox_state");

            migrationBuilder.DropColumn(
                name: "delivery_attempts",
                schema: "contact",
                table: "outbox_state");

            migrationBuilder.DropColumn(
                name: "last_error",
                schema: "contact",
                table: "outbox_state");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_message_due_at",
                schema: "contact",
                table: "scheduled_message",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_state_created",
                schema: "contact",
                table: "outbox_state",
                column: "created");
        }
    }
}
