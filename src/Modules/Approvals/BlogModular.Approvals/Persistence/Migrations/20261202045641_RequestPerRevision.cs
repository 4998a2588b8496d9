using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Approvals.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RequestPerRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_approval_requests_post_id",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.AddColumn<Guid>(
                name: "author_id",
                schema: "approvals",
                table: "approval_requests",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "revision",
                schema: "approvals",
                table: "approval_requests",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_post_id_revision",
                schema: "approvals",
                table: "approval_requests",
                columns: new[] { "post_id", "revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_approval_requests_post_id_revision",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "author_id",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "revision",
                schema: "approvals",
                table: "approval_requests");

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_post_id",
                schema: "approvals",
                table: "approval_requests",
                column: "post_id",
                unique: true);
        }
    }
}
