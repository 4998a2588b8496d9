using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Approvals.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DecisionAcknowledgementAndOrphanedRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Decisions made before this version get no decision_sent_at: Blogging applied them long ago (or the
            // re-announcement of the submission covers it), so they are not sent again at upgrade time.
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "decision_acknowledged_at",
                schema: "approvals",
                table: "approval_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "decision_resends",
                schema: "approvals",
                table: "approval_requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "decision_sent_at",
                schema: "approvals",
                table: "approval_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "orphaned_at",
                schema: "approvals",
                table: "approval_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_decision_sent_at",
                schema: "approvals",
                table: "approval_requests",
                column: "decision_sent_at",
                filter: "decision_sent_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_orphaned_at",
                schema: "approvals",
                table: "approval_requests",
                column: "orphaned_at",
                filter: "orphaned_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_approval_requests_decision_sent_at",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropIndex(
                name: "ix_approval_requests_orphaned_at",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "decision_acknowledged_at",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "decision_resends",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "decision_sent_at",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "orphaned_at",
                schema: "approvals",
                table: "approval_requests");
        }
    }
}
