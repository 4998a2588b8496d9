using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Blogging.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PostConcurrencyToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // xmin is PostgreSQL's own system column: it exists on every row, so there is nothing to add; the model only
            // starts using it as the posts' concurrency token.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing was added (see Up).
        }
    }
}
