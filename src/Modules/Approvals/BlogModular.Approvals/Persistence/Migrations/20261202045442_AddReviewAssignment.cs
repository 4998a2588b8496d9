using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Approvals.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddReviewAssignment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "assigned_at",
                schema: "approvals",
                table: "approval_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "assignee_id",
                schema: "approvals",
                table: "approval_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "assignee_name",
                schema: "approvals",
                table: "approval_requests",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "review_steps",
                schema: "approvals",
                columns: table => new
                {
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    approval_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewer_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    previous_reviewer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    previous_reviewer_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_steps", x => new { x.approval_request_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_review_steps_approval_requests_approval_request_id",
                        column: x => x.approval_request_id,
                        principalSchema: "approvals",
                        principalTable: "approval_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Requests already there start their timeline with the request. Who started or decided them was not kept, so
            // a review In Progress at upgrade time has no assignee: any reviewer may decide it or take it over.
            migrationBuilder.Sql("""
                INSERT INTO approvals.review_steps (approval_request_id, sequence, kind, at)
                SELECT id, 1, 'Requested', requested_at FROM approvals.approval_requests;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_steps",
                schema: "approvals");

            migrationBuilder.DropColumn(
                name: "assigned_at",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "assignee_id",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "assignee_name",
                schema: "approvals",
                table: "approval_requests");
        }
    }
}
