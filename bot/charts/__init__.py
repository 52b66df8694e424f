"""Drawing the charts with matplotlib: a spec from :mod:`bot.views.charts.spec` in, a PNG out.

Runs in the chart worker process (:mod:`bot.runtime.chart_pool`), never in the bot
process: matplotlib costs tens of megabytes and a second of start-up. Pure: the same
spec draws the same picture, and nothing here knows Telegram or the database.
"""
