/**
 * Tools of the demo that are not part of the shop: {@link com.acme.shop.tools.SlackStandIn}, a
 * local stand-in for a Slack incoming webhook, so that the demo needs no Slack workspace, token
 * or network. Packaged apart from the shop, as {@code tools/slack-stand-in.jar}.
 */
package com.acme.shop.tools;
