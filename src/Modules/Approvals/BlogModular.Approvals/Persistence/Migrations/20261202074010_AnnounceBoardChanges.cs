using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlogModular.Approvals.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AnnounceBoardChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The board's live pages listen on this channel (ReviewBoardChanges). NOTIFY is delivered at commit, and
            // PostgreSQL folds identical notifications of one transaction into one: a batch of submissions is one.
            migrationBuilder.Sql("""
                CREATE FUNCTION approvals.announce_board_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('approvals_board_changed', '');
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER approval_requests_announce_change
                    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON approvals.approval_requests
                    FOR EACH STATEMENT EXECUTE FUNCTION approvals.announce_board_change();

                CREATE TRIGGER review_steps_announce_change
                    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON approvals.review_steps
                    FOR EACH STATEMENT EXECUTE FUNCTION approvals.announce_board_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER review_steps_announce_change ON approvals.review_steps;
                DROP TRIGGER approval_requests_announce_change ON approvals.approval_requests;
                DROP FUNCTION approvals.announce_board_change();
                """);
        }
    }
}
