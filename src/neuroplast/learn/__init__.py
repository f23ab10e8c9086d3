"""neuroplast.learn"""
