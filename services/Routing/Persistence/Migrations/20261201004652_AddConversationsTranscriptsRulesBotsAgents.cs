using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Routing.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddConversationsTranscriptsRulesBotsAgents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agents",
                schema: "routing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Skills = table.Column<List<string>>(type: "text[]", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActiveConversations = table.Column<int>(type: "integer", nullable: false),
                    IdleSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bots",
                schema: "routing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Secret = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TimeoutSeconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conversation_threads",
                schema: "routing",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SinchConversationId = table.Column<string>(type: "text", nullable: true),
                    SinchAppId = table.Column<string>(type: "text", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversation_threads", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                schema: "routing",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CurrentState = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    ThreadKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SinchAppId = table.Column<string>(type: "text", nullable: false),
                    SinchConversationId = table.Column<string>(type: "text", nullable: true),
                    SinchContactId = table.Column<string>(type: "text", nullable: true),
                    ProcessingMode = table.Column<string>(type: "text", nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Identity = table.Column<string>(type: "text", nullable: false),
                    IdentityAppId = table.Column<string>(type: "text", nullable: true),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: true),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    ContactAttributes = table.Column<string>(type: "text", nullable: false),
                    Metadata = table.Column<string>(type: "text", nullable: false),
                    ConversationMetadata = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastActivityAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "text", nullable: true),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    BotId = table.Column<Guid>(type: "uuid", nullable: true),
                    QueueId = table.Column<Guid>(type: "uuid", nullable: true),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAgentId = table.Column<Guid>(type: "uuid", nullable: true),
                    AwaitingAgentReply = table.Column<bool>(type: "boolean", nullable: false),
                    InactivityWarningToken = table.Column<Guid>(type: "uuid", nullable: true),
                    InactivityTimeoutToken = table.Column<Guid>(type: "uuid", nullable: true),
                    ResponseTimeoutToken = table.Column<Guid>(type: "uuid", nullable: true),
                    InactivityDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResponseDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations", x => x.CorrelationId);
                });

            migrationBuilder.CreateTable(
                name: "pending_message_facts",
                schema: "routing",
                columns: table => new
                {
                    SinchMessageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pending_message_facts", x => new { x.SinchMessageId, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "published_media",
                schema: "routing",
                columns: table => new
                {
                    MediaId = table.Column<Guid>(type: "uuid", nullable: false),
                    PublicUrl = table.Column<string>(type: "text", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: true),
                    ContentType = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_published_media", x => x.MediaId);
                });

            migrationBuilder.CreateTable(
                name: "queues",
                schema: "routing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    Skill = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    InactivitySeconds = table.Column<int>(type: "integer", nullable: true),
                    InactivityWarningSeconds = table.Column<int>(type: "integer", nullable: true),
                    InactivityWarningText = table.Column<string>(type: "text", nullable: true),
                    ResponseSeconds = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_queues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                schema: "routing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    SinchAppId = table.Column<string>(type: "text", nullable: true),
                    Channel = table.Column<string>(type: "text", nullable: true),
                    ContactAttributes = table.Column<string>(type: "text", nullable: false),
                    AttachedData = table.Column<string>(type: "text", nullable: false),
                    TextContains = table.Column<string>(type: "text", nullable: true),
                    TargetKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "transcript_entries",
                schema: "routing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Author = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: true),
                    ContentJson = table.Column<string>(type: "text", nullable: true),
                    MediaUrl = table.Column<string>(type: "text", nullable: true),
                    MediaId = table.Column<Guid>(type: "uuid", nullable: true),
                    MediaFileName = table.Column<string>(type: "text", nullable: true),
                    MediaFailure = table.Column<string>(type: "text", nullable: true),
                    SinchMessageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    OutboundMessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    QuotedSinchMessageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    QuotedEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    QuoteText = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    FailureCode = table.Column<string>(type: "text", nullable: true),
                    FailureReason = table.Column<string>(type: "text", nullable: true),
                    StatusAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Erased = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transcript_entries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agents_Status_IdleSince",
                schema: "routing",
                table: "agents",
                columns: new[] { "Status", "IdleSince" });

            migrationBuilder.CreateIndex(
                name: "IX_conversation_threads_ConversationId",
                schema: "routing",
                table: "conversation_threads",
                column: "ConversationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversation_threads_SinchAppId_SinchConversationId",
                schema: "routing",
                table: "conversation_threads",
                columns: new[] { "SinchAppId", "SinchConversationId" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_AgentId_CurrentState",
                schema: "routing",
                table: "conversations",
                columns: new[] { "AgentId", "CurrentState" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_ContactId",
                schema: "routing",
                table: "conversations",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_conversations_CurrentState_QueueId_QueuedAt",
                schema: "routing",
                table: "conversations",
                columns: new[] { "CurrentState", "QueueId", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_StartedAt",
                schema: "routing",
                table: "conversations",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_pending_message_facts_ReceivedAt",
                schema: "routing",
                table: "pending_message_facts",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_queues_IsDefault",
                schema: "routing",
                table: "queues",
                column: "IsDefault",
                unique: true,
                filter: "\"IsDefault\"");

            migrationBuilder.CreateIndex(
                name: "IX_queues_Name",
                schema: "routing",
                table: "queues",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_routing_rules_IsDefault",
                schema: "routing",
                table: "routing_rules",
                column: "IsDefault",
                unique: true,
                filter: "\"IsDefault\"");

            migrationBuilder.CreateIndex(
                name: "IX_transcript_entries_ConversationId_Sequence",
                schema: "routing",
                table: "transcript_entries",
                columns: new[] { "ConversationId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_transcript_entries_OutboundMessageId",
                schema: "routing",
                table: "transcript_entries",
                column: "OutboundMessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transcript_entries_SinchMessageId",
                schema: "routing",
                table: "transcript_entries",
                column: "SinchMessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agents",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "bots",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "conversation_threads",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "conversations",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "pending_message_facts",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "published_media",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "queues",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "routing_rules",
                schema: "routing");

            migrationBuilder.DropTable(
                name: "transcript_entries",
                schema: "routing");
        }
    }
}
