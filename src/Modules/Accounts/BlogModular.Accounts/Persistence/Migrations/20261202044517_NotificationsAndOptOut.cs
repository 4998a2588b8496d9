using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Accounts.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NotificationsAndOptOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "review_decision_emails",
                schema: "identity",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                // Existing accounts get decision e-mails, like new ones (User.ReviewDecisionEmails starts true).
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "sent_notifications",
                schema: "identity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    mailed = table.Column<bool>(type: "boolean", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sent_notifications", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sent_notifications",
                schema: "identity");

            migrationBuilder.DropColumn(
                name: "review_decision_emails",
                schema: "identity",
                table: "AspNetUsers");
        }
    }
}
