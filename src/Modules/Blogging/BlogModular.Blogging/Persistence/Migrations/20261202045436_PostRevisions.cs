using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PostRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "pending_category_slug",
                schema: "blogging",
                table: "posts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_content",
                schema: "blogging",
                table: "posts",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_content_html",
                schema: "blogging",
                table: "posts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_rejection_reason",
                schema: "blogging",
                table: "posts",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pending_revision",
                schema: "blogging",
                table: "posts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_status",
                schema: "blogging",
                table: "posts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "pending_submitted_at",
                schema: "blogging",
                table: "posts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_summary",
                schema: "blogging",
                table: "posts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_title",
                schema: "blogging",
                table: "posts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "revision",
                schema: "blogging",
                table: "post_timeline",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "ix_posts_pending_category_slug",
                schema: "blogging",
                table: "posts",
                column: "pending_category_slug");

            migrationBuilder.AddForeignKey(
                name: "fk_posts_categories_pending_category_slug",
                schema: "blogging",
                table: "posts",
                column: "pending_category_slug",
                principalSchema: "blogging",
                principalTable: "categories",
                principalColumn: "slug",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_posts_categories_pending_category_slug",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropIndex(
                name: "ix_posts_pending_category_slug",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_category_slug",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_content",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_content_html",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_rejection_reason",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_revision",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_status",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_submitted_at",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_summary",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pending_title",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "revision",
                schema: "blogging",
                table: "post_timeline");
        }
    }
}
