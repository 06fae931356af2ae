using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Media.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledMessageTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                schema: "media",
                table: "scheduled_message",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_state",
                schema: "media",
                table: "scheduled_message",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trace_parent",
                schema: "media",
                table: "scheduled_message");

            migrationBuilder.DropColumn(
                name: "trace_state",
                schema: "media",
                table: "scheduled_message");
        }
    }
}
