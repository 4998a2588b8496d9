using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Approvals.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReminderSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "remind_at",
                schema: "approvals",
                table: "approval_requests",
                type: "timestamp with time zone",
                nullable: true);

            // Reviews in progress before this version were reminded by a scheduled message; they get their due time instead.
            migrationBuilder.Sql("""
                UPDATE approvals.approval_requests r SET remind_at = r.assigned_at + interval '48 hours'
                WHERE r.progress = 'InProgress' AND r.assigned_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM approvals.review_steps s
                                  WHERE s.approval_request_id = r.id AND s.kind = 'ReminderSent' AND s.at >= r.assigned_at);
                """);

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_remind",
                schema: "approvals",
                table: "approval_requests",
                column: "remind_at",
                filter: "remind_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_approval_requests_remind",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "remind_at",
                schema: "approvals",
                table: "approval_requests");
        }
    }
}
