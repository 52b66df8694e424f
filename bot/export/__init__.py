"""Files the bot sends: a table (bot.views.export) written as XLSX or CSV bytes."""
