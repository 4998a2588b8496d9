using BlogModular.BuildingBlocks.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BlogModular.Approvals.Persistence;

/// <summary>
/// Approval requests and their steps changed: the triggers of migration <c>AnnounceBoardChanges</c> notify this channel,
/// with an empty payload (every reviewer sees the whole board).
/// </summary>
internal sealed class ReviewBoardChanges(IConfiguration configuration, ILogger<ReviewBoardChanges> logger)
    : ChangeFeed(ChannelName, configuration.GetRequiredConnectionString(ApprovalsModule.Descriptor.ConnectionStringName), logger)
{
    public const string ChannelName = "approvals_board_changed";
}
