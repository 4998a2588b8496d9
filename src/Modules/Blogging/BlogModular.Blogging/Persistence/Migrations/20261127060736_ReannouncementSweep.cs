using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReannouncementSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "announce_again_at",
                schema: "blogging",
                table: "posts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reannouncements",
                schema: "blogging",
                table: "posts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_posts_announce_again",
                schema: "blogging",
                table: "posts",
                column: "announce_again_at",
                filter: "announce_again_at IS NOT NULL");

            // Submissions still waiting for Approvals are due for the sweep at once; before, each had a scheduled check.
            migrationBuilder.Sql("""
                UPDATE blogging.posts SET announce_again_at = now()
                WHERE acknowledged_at IS NULL AND status = 'Submitted';
                """);

            // Those scheduled checks have no handler any more (ADR 0009).
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF to_regclass('wolverine.wolverine_incoming_envelopes') IS NOT NULL THEN
                        DELETE FROM wolverine.wolverine_incoming_envelopes
                        WHERE message_type = 'BlogModular.Blogging.Features.Posts.RecheckSubmission';
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_posts_announce_again",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "announce_again_at",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "reannouncements",
                schema: "blogging",
                table: "posts");
        }
    }
}
