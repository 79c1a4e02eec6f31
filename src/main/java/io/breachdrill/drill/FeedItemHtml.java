package io.breachdrill.drill;

import io.breachdrill.drill.DrillViews.FeedItem;
import io.quarkus.cache.CacheResult;
import io.quarkus.qute.RawString;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A team page's feed item, rendered once and kept: every page load shows the whole feed, and every
 * member's stream sends the same item, so a drill of a hundred pages rendered each item a hundred
 * times. The item depends only on the delivery and its inject, never on who looks.
 */
@ApplicationScoped
public class FeedItemHtml {

  @CacheResult(cacheName = "feed-item-html")
  public RawString of(FeedItem item) {
    return new RawString(PlayResource.Templates.team$item(item).render());
  }
}
