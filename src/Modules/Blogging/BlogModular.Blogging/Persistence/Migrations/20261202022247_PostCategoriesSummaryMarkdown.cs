using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <summary>
    /// Categories (seeded with a few defaults), summaries, rendered content and revisions. Posts written before were
    /// plain text, not Markdown: they are filed under "general", keep their text as escaped HTML with its line breaks,
    /// and get the start of their text as summary.
    /// </summary>
    public partial class PostCategoriesSummaryMarkdown : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "category_slug",
                schema: "blogging",
                table: "posts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "content_html",
                schema: "blogging",
                table: "posts",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "revision",
                schema: "blogging",
                table: "posts",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "summary",
                schema: "blogging",
                table: "posts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "categories",
                schema: "blogging",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.slug);
                });

            migrationBuilder.InsertData(
                schema: "blogging",
                table: "categories",
                columns: new[] { "slug", "name", "created_at" },
                values: new object[,]
                {
                    { "general", "General", Seeded },
                    { "engineering", "Engineering", Seeded },
                    { "culture", "Culture", Seeded },
                });

            migrationBuilder.Sql("""
                UPDATE blogging.posts SET
                    category_slug = 'general',
                    content_html = '<p>' || replace(replace(replace(replace(content, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), E'\n', '<br>') || '</p>',
                    summary = CASE
                        WHEN length(regexp_replace(btrim(content), '\s+', ' ', 'g')) <= 200 THEN regexp_replace(btrim(content), '\s+', ' ', 'g')
                        ELSE regexp_replace(left(regexp_replace(btrim(content), '\s+', ' ', 'g'), 201), '\s+\S*$', '') || '…'
                    END;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_posts_category_feed",
                schema: "blogging",
                table: "posts",
                columns: new[] { "category_slug", "published_at", "id" },
                descending: new[] { false, true, true },
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_categories_name",
                schema: "blogging",
                table: "categories",
                column: "name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_posts_categories_category_slug",
                schema: "blogging",
                table: "posts",
                column: "category_slug",
                principalSchema: "blogging",
                principalTable: "categories",
                principalColumn: "slug",
                onDelete: ReferentialAction.Restrict);
        }

        private static readonly DateTimeOffset Seeded = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_posts_categories_category_slug",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropTable(
                name: "categories",
                schema: "blogging");

            migrationBuilder.DropIndex(
                name: "ix_posts_category_feed",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "category_slug",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "content_html",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "revision",
                schema: "blogging",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "summary",
                schema: "blogging",
                table: "posts");
        }
    }
}
